// Types of the matchers that `Testing.setupJest()` (jest.cdktf-setup.js) registers.
interface TerraformConstructType {
  readonly tfResourceType: string;
}

declare global {
  namespace jest {
    interface Matchers<R> {
      toHaveResource(type: TerraformConstructType): R;
      toHaveResourceWithProperties(type: TerraformConstructType, properties: Record<string, unknown>): R;
      toHaveDataSource(type: TerraformConstructType): R;
      toHaveDataSourceWithProperties(type: TerraformConstructType, properties: Record<string, unknown>): R;
      toHaveProvider(type: TerraformConstructType): R;
      toHaveProviderWithProperties(type: TerraformConstructType, properties: Record<string, unknown>): R;
      toBeValidTerraform(): R;
      toPlanSuccessfully(): R;
    }
  }
}

export {};
