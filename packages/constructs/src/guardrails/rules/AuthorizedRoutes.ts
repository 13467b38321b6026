import type { Finding, GuardrailRule } from '../types';

export const AuthorizedRoutes: GuardrailRule = {
  id: 'PLAT-API-1',
  title: 'Every API route requires authorization',
  why: 'Zero trust: a route without authorization can be called by anyone on the internet.',
  fix: "Use AWS_IAM (the HttpApi default) or a JWT authorizer; a deliberately public route passes { authorization: 'NONE', publicReason: '...' }.",
  check({ view }) {
    const findings: Finding[] = [];
    for (const route of view.resources('aws_apigatewayv2_route')) {
      const type = route.config.authorization_type ?? 'NONE';
      if (type !== 'NONE') continue;
      findings.push({
        address: route.address,
        problem: `route ${JSON.stringify(route.config.route_key)} has authorization_type NONE`,
        fix: "use AWS_IAM (the HttpApi default) or a JWT authorizer; for a deliberately public route pass { authorization: 'NONE', publicReason: '...' }",
      });
    }
    return findings;
  },
};
