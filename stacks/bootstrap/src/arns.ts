/** The partition of a region: `aws`, `aws-cn` or `aws-us-gov`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`; IAM and S3 pass an empty region or account. */
export const arn = (region: string, service: string, arnRegion: string, account: string, resource: string) =>
  `arn:${partitionOf(region)}:${service}:${arnRegion}:${account}:${resource}`;

/** `{ path: '/ci/', name: 'deploy' }` of `arn:aws:iam::<id>:role/ci/deploy`. */
export function roleNameAndPath(roleArn: string): { name: string; path: string } {
  const full = roleArn.slice(roleArn.indexOf(':role/') + ':role/'.length);
  const slash = full.lastIndexOf('/');
  return slash < 0
    ? { name: full, path: '/' }
    : { name: full.slice(slash + 1), path: `/${full.slice(0, slash + 1)}` };
}

/** The role that updates the deploy role's managed policies: `<deploy role>-policies`, on the same path. */
export const policiesRoleArnOf = (deployRoleArn: string) => `${deployRoleArn}-policies`;
