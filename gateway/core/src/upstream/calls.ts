/** Calls made to each partner (since start, or during one request). */
export class PartnerCallCounter {
  private readonly counts = new Map<string, number>();
  record(partnerId: string): void {
    this.counts.set(partnerId, (this.counts.get(partnerId) ?? 0) + 1);
  }
  get(partnerId: string): number {
    return this.counts.get(partnerId) ?? 0;
  }
  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
