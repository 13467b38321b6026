import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
// Deep import: the provider barrel costs ~5x synth time and memory.
import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';

export interface AccountBudgetProps {
  readonly name: string;
  readonly monthlyUsd: number;
  /** Where the alerts go: the account's alarm topic. */
  readonly topicArn: string;
  /** Percent of the budget actually spent that alerts. @default 80 */
  readonly actualThreshold?: number;
  /** Percent of the budget forecast for the month that alerts. @default 100 */
  readonly forecastThreshold?: number;
  /** The topic policy that lets Budgets publish: AWS checks it when the notification is created. */
  readonly dependsOn?: ITerraformDependable[];
}

export const DEFAULT_ACTUAL_THRESHOLD = 80;
export const DEFAULT_FORECAST_THRESHOLD = 100;

/** The account's monthly cost budget: alerts before the money is spent, not after. */
export class AccountBudget extends Construct {
  readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: AccountBudgetProps) {
    super(scope, id);
    const alert = (notificationType: 'ACTUAL' | 'FORECASTED', threshold: number) => ({
      notificationType,
      comparisonOperator: 'GREATER_THAN',
      threshold,
      thresholdType: 'PERCENTAGE',
      subscriberSnsTopicArns: [props.topicArn],
    });
    this.budget = new BudgetsBudget(this, 'budget', {
      name: props.name,
      budgetType: 'COST',
      limitAmount: String(props.monthlyUsd),
      limitUnit: 'USD',
      timeUnit: 'MONTHLY',
      notification: [
        alert('ACTUAL', props.actualThreshold ?? DEFAULT_ACTUAL_THRESHOLD),
        alert('FORECASTED', props.forecastThreshold ?? DEFAULT_FORECAST_THRESHOLD),
      ],
      dependsOn: props.dependsOn,
    });
  }
}
