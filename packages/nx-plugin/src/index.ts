export { addServiceToTopology, readTopologyFacts, TOPOLOGY_PATH } from './utils/topology';
export { appendToStackConstructor } from './utils/stack-source';
export { assertName, assertNamesFit, assertTrigger } from './utils/names';
