import { DEPLOY_PERMISSIONS } from '../../deployPermissions';
import type { GuardrailRule } from '../types';

export const DeployableResourceTypes: GuardrailRule = {
  id: 'PLAT-DEPLOY-1',
  title: "Every resource type is in the deploy role's table",
  why:
    "The pipeline's deploy role may only do what DEPLOY_PERMISSIONS lists per resource type; a type " +
    'missing there fails the first deploy with AccessDenied, after review and merge.',
  fix: "Add the type to packages/constructs/src/deployPermissions.ts with the actions Terraform's AWS provider calls for it and what they act on.",
  check({ view, expected }) {
    if (!expected.deployedByPipeline) return [];
    return Object.keys(view.json.resource ?? {})
      .filter((type) => !(type in DEPLOY_PERMISSIONS))
      .flatMap((type) =>
        view.resources(type).map((resource) => ({
          address: resource.address,
          problem: `resource type ${type} is not in DEPLOY_PERMISSIONS, so the deploy role cannot create it`,
          fix:
            `add ${type} to packages/constructs/src/deployPermissions.ts with the actions Terraform's AWS provider ` +
            'calls for it (create, read, update, tag, delete) and what they act on',
        })),
      );
  },
};
