/**
 * The syntax of the strings HttpApi and Schedule take: route keys and schedule expressions. A leaf
 * module without cdktf, so the generators (@platform/nx-plugin, through `@platform/constructs/syntax`)
 * run the very checks the constructs run at synth, before they write a route or a schedule.
 */

/** API Gateway v2 route keys: `$default`, or a method (or `ANY`) and a path of `{param}` and `{proxy+}` parts. */
const ROUTE_KEY = /^(\$default|(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/[\w\-.~{}+/]*)$/;

/** What a route key looks like, for the fix in error messages. */
export const ROUTE_KEY_FORMAT =
  '"<METHOD> /<path>" (e.g. "POST /orders", "GET /orders/{id}", "ANY /{proxy+}") or "$default"';

export const isRouteKey = (routeKey: string): boolean => ROUTE_KEY.test(routeKey);

/** EventBridge Scheduler expressions: `rate` with a singular unit for 1 only, `cron` with 6 fields, `at`. */
const SCHEDULE_EXPRESSION =
  /^(rate\((1 (minute|hour|day)|([2-9]|[1-9]\d+) (minutes|hours|days))\)|cron\(\S+( \S+){5}\)|at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\))$/;

/** What a schedule expression looks like, for the fix in error messages. */
export const SCHEDULE_EXPRESSION_FORMAT =
  '"rate(<n> minute|minutes|hour|hours|day|days)" (singular for 1), "cron(<6 fields>)" or "at(yyyy-mm-ddThh:mm:ss)"';

export const isScheduleExpression = (expression: string): boolean => SCHEDULE_EXPRESSION.test(expression);
