/** What npm run dev reads from one synthesized stack (cdktf.out/stacks/<service>-<environment>). */
export interface StackModel {
  readonly service: string;
  readonly stack: string;
  readonly region: string;
  readonly accountId: string;
  readonly functions: FunctionModel[];
  readonly apis: ApiModel[];
  readonly queues: QueueModel[];
  readonly mappings: MappingModel[];
  readonly schedules: ScheduleModel[];
  readonly tables: TableModel[];
  readonly topics: TopicModel[];
  readonly subscriptions: SubscriptionModel[];
  /** Async invocation settings (retries, on-failure destination) by function id. */
  readonly asyncConfigs: Record<string, AsyncConfigModel>;
}

/** Every model keeps the Terraform address it came from (`aws_sqs_queue.orders_queue_A1AAE4D8`). */
interface Addressed {
  readonly address: string;
}

export interface FunctionModel extends Addressed {
  readonly service: string;
  /** The handler name: src/handlers/<id>.ts, <id>.zip. */
  readonly id: string;
  /** The deployed name, `<service>-<environment>-<id>`. */
  readonly name: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  /** As synthesized: literals and Terraform references (`${aws_sqs_queue.x.url}`). */
  readonly variables: Record<string, string>;
  readonly logLevel?: string;
  readonly logFormat?: string;
  readonly reservedConcurrency?: number;
}

export interface RouteModel {
  readonly routeKey: string;
  readonly authorization: string;
  /** The function id the integration invokes. */
  readonly functionId: string;
}

export interface ApiModel extends Addressed {
  readonly name: string;
  readonly routes: RouteModel[];
}

export interface QueueModel extends Addressed {
  readonly name: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly visibilityTimeoutSeconds: number;
  readonly redrive?: { readonly deadLetterAddress: string; readonly maxReceiveCount: number };
}

export interface MappingModel extends Addressed {
  readonly queueAddress: string;
  readonly functionId: string;
  readonly batchSize: number;
  readonly batchingWindowSeconds: number;
  readonly maxConcurrency?: number;
  readonly reportBatchItemFailures: boolean;
  readonly enabled: boolean;
}

export interface ScheduleModel extends Addressed {
  readonly name: string;
  readonly expression: string;
  readonly timezone: string;
  readonly enabled: boolean;
  readonly functionId: string;
  /** The target's input (JSON text), when the stack sets one. */
  readonly input?: string;
}

export interface TableModel extends Addressed {
  readonly name: string;
  readonly keys: { readonly name: string; readonly type: 'HASH' | 'RANGE' }[];
  readonly attributes: { readonly name: string; readonly type: 'S' | 'N' | 'B' }[];
}

export interface TopicModel extends Addressed {
  readonly name: string;
  readonly fifo: boolean;
}

export interface SubscriptionModel extends Addressed {
  readonly topicAddress: string;
  readonly protocol: string;
  /** A Terraform reference or a literal ARN. */
  readonly endpoint: string;
  readonly rawMessageDelivery: boolean;
}

export interface AsyncConfigModel {
  readonly maxRetries: number;
  /** The on-failure destination (a reference or ARN), when it has one. */
  readonly onFailure?: string;
}
