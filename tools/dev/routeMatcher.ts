import type { MatchedRoute } from './httpEvent';
import type { RouteModel } from './types';

interface CompiledRoute {
  readonly route: RouteModel;
  readonly method: string;
  readonly pattern?: RegExp;
  readonly names: string[];
  /** Higher first: literal paths before parameters, parameters before greedy ones. */
  readonly rank: number;
}

/**
 * Matches requests to an HTTP API's routes as API Gateway does: the most specific route wins
 * (literal paths, then `{param}`, then `{proxy+}`; a method before `ANY`), `$default` last.
 */
export function routeMatcher(
  routes: RouteModel[],
): (method: string, path: string) => (MatchedRoute & { route: RouteModel }) | undefined {
  const compiled = routes.map(compile).sort((a, b) => b.rank - a.rank);
  return (method, path) => match(compiled, method, path);
}

function compile(route: RouteModel): CompiledRoute {
  if (route.routeKey === '$default') return { route, method: 'ANY', names: [], rank: 0 };
  const [method, path] = route.routeKey.split(' ') as [string, string];
  const names: string[] = [];
  let rank = 1000;
  const source = path
    .split('/')
    .map((segment) => {
      const parameter = /^\{([^}]+?)(\+)?\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(parameter[1]!);
      rank -= parameter[2] ? 100 : 10;
      return parameter[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  // A specific method beats ANY on the same path.
  return {
    route,
    method,
    pattern: new RegExp(`^${source}$`),
    names,
    rank: rank + (method === 'ANY' ? 0 : 1),
  };
}

function match(
  routes: CompiledRoute[],
  method: string,
  path: string,
): (MatchedRoute & { route: RouteModel }) | undefined {
  for (const compiled of routes) {
    if (compiled.method !== 'ANY' && compiled.method !== method) continue;
    if (!compiled.pattern) return { route: compiled.route, routeKey: compiled.route.routeKey };
    const found = compiled.pattern.exec(path);
    if (!found) continue;
    const pathParameters = Object.fromEntries(
      compiled.names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]),
    );
    return {
      route: compiled.route,
      routeKey: compiled.route.routeKey,
      ...(compiled.names.length > 0 ? { pathParameters } : {}),
    };
  }
  return undefined;
}
