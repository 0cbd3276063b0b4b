import { describe, expect, it } from 'vitest';
import { managedFiles } from './managedFiles';

describe('managedFiles', () => {
  it("writes the kubelet's /etc/hosts, /etc/hostname and a ClusterFirst /etc/resolv.conf", () => {
    const files = managedFiles({ metadata: { name: 'web-1', namespace: 'shop' }, spec: { containers: [] }, status: { podIP: '10.244.1.7', podIPs: [{ ip: '10.244.1.7' }] } });
    expect(files['/etc/hosts']).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.1.7\tweb-1\n',
    );
    expect(files['/etc/hostname']).toBe('web-1\n');
    expect(files['/etc/resolv.conf']).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('adds the subdomain FQDN and hostAliases, and follows dnsPolicy None with dnsConfig', () => {
    const files = managedFiles({
      metadata: { name: 'web-0', namespace: 'default' },
      spec: {
        containers: [],
        hostname: 'web-0',
        subdomain: 'nginx',
        hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }],
        dnsPolicy: 'None',
        dnsConfig: { nameservers: ['1.2.3.4'], searches: ['ns1.svc.cluster-domain.example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
      },
      status: { podIP: '10.244.2.3' },
    });
    expect(files['/etc/hosts']).toContain('10.244.2.3\tweb-0.nginx.default.svc.cluster.local\tweb-0\n\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n');
    expect(files['/etc/resolv.conf']).toBe('search ns1.svc.cluster-domain.example\nnameserver 1.2.3.4\noptions ndots:2 edns0\n');
  });
});
