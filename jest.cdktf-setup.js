// cdktf's Jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...) for infrastructure tests.
require('cdktf').Testing.setupJest();
