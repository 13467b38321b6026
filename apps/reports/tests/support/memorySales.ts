import type { Day } from '../../src/domain/days';
import { sumTallies, type DailySalesReport } from '../../src/domain/dailyReport';
import type { DailyReportStore, SavedReport } from '../../src/domain/publishDailyReport';
import type { SalesLedger } from '../../src/domain/recordSale';
import type { SalesTally } from '../../src/domain/sale';

/**
 * The sales table's contract in memory, for domain and handler tests: counted once per event ID,
 * the first saved report wins. The DynamoDB implementation is tested against dynalite (tests/integration).
 */
export class MemorySales implements SalesLedger, DailyReportStore {
  readonly days = new Map<Day, { eventIds: Set<string>; tallies: SalesTally[] }>();
  readonly reports = new Map<Day, SavedReport>();

  async add(day: Day, eventId: string, tally: SalesTally): Promise<boolean> {
    const entry = this.days.get(day) ?? { eventIds: new Set<string>(), tallies: [] };
    this.days.set(day, entry);
    if (entry.eventIds.has(eventId)) return false;
    entry.eventIds.add(eventId);
    entry.tallies.push(tally);
    return true;
  }

  async tallies(day: Day): Promise<readonly SalesTally[]> {
    return this.days.get(day)?.tallies ?? [];
  }

  async findReport(day: Day): Promise<SavedReport | undefined> {
    return this.reports.get(day);
  }

  async saveReport(report: DailySalesReport): Promise<SavedReport> {
    const saved = this.reports.get(report.date) ?? { report, published: false };
    this.reports.set(report.date, saved);
    return saved;
  }

  async markPublished(day: Day): Promise<void> {
    const saved = this.reports.get(day);
    if (!saved) throw new Error(`No report saved for ${day}`);
    this.reports.set(day, { ...saved, published: true });
  }

  /** Everything counted for a day, added up. */
  total(day: Day): SalesTally {
    return sumTallies(this.days.get(day)?.tallies ?? []);
  }
}
