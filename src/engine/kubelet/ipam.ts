/**
 * PodIPAllocator hands out pod IPs from the node's podCIDR the way the host-local IPAM plugin
 * does: sequentially after the gateway (.1), skipping addresses in use, wrapping at the end, so
 * an address is reused only after it was released and everything after it was tried.
 */
export class PodIPAllocator {
  private readonly base: number;
  private readonly size: number;
  private cursor = 0;
  private readonly owners = new Map<number, string>();

  constructor(cidr: string) {
    const [ip, bits] = cidr.split('/');
    const prefix = Number(bits ?? 24);
    this.size = 2 ** (32 - prefix);
    this.base = (ipToInt(ip) & (prefix === 0 ? 0 : ~(this.size - 1))) >>> 0;
  }

  /** allocate returns a free address for owner (the pod UID), or undefined when the range is full. */
  allocate(owner: string): string | undefined {
    // .0 is the network, .1 the bridge gateway and the last address the broadcast.
    const usable = this.size - 3;
    for (let i = 0; i < usable; i++) {
      const offset = 2 + ((this.cursor + i) % usable);
      if (!this.owners.has(offset)) {
        this.owners.set(offset, owner);
        this.cursor = (offset - 2 + 1) % usable;
        return intToIp(this.base + offset);
      }
    }
    return undefined;
  }

  /** reserve marks an address already in use (a pod found running after a kubelet restart). */
  reserve(ip: string, owner: string): void {
    const offset = ipToInt(ip) - this.base;
    if (offset > 0 && offset < this.size) this.owners.set(offset, owner);
  }

  /** release frees an address if owner still holds it. */
  release(ip: string | undefined, owner: string): void {
    if (!ip) return;
    const offset = ipToInt(ip) - this.base;
    if (this.owners.get(offset) === owner) this.owners.delete(offset);
  }

  get inUse(): number {
    return this.owners.size;
  }
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => ((n << 8) | Number(o)) >>> 0, 0);
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
