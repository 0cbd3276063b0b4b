import type { Node, PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { isApiError } from '../../apiserver/errors';
import { Resources } from '../../apiserver/registry/resources';
import { ApiClient } from '../../client/apiClient';
import { EventRecorder, EventType } from '../../client/eventRecorder';
import { InformerFactory } from '../../client/informerFactory';
import { keyOf, splitKey, type Informer } from '../../client/informer';
import type { ApiTransport } from '../../client/transport';
import { WorkQueue } from '../../client/workQueue';
import type { Sim } from '../../sim/sim';
import { claimRef, volumeRef } from './volumeUpdates';
import { AnnBetaStorageProvisioner, AnnDynamicallyProvisioned, AnnSelectedNode, AnnStorageProvisioner, claimRefTo, getPersistentVolumeClaimClass } from './pvHelpers';

// A simulation of kind's external provisioner, rancher/local-path-provisioner (v0.0.30) built on
// sig-storage-lib-external-provisioner (v10): in kind it is a Deployment in local-path-storage,
// not part of Kubernetes, so here it is a client of the API of its own, apart from the controller
// manager. It provisions a hostPath volume under /var/local-path-provisioner on the node the
// scheduler selected and deletes the volumes it made once they are Released. The helper pods it
// runs to create and remove the directories are not simulated.

/** LocalPathProvisionerName is the provisioner of kind's `standard` StorageClass. */
export const LocalPathProvisionerName = 'rancher.io/local-path';
/** LocalPathRoot is kind's local-path-config "paths" entry. */
export const LocalPathRoot = '/var/local-path-provisioner';
/** AnnLocalPathSelectedNode records on the volume the node it lives on. */
export const AnnLocalPathSelectedNode = 'local.path.provisioner/selected-node';

/** Event reasons and messages of sig-storage-lib-external-provisioner's controller.go. */
export const Provisioning = 'Provisioning';
export const ProvisioningSucceeded = 'ProvisioningSucceeded';
export const ProvisioningFailed = 'ProvisioningFailed';
export const msgProvisioning = (claimKey: string) => `External provisioner is provisioning volume for claim "${claimKey}"`;
export const msgProvisioningSucceeded = (volume: string) => `Successfully provisioned volume ${volume}`;

/** retryBaseMs is the library's first retry after a failed provisioning. */
const retryBaseMs = 15_000;
const supportedAccessModes = ['ReadWriteOnce', 'ReadWriteOncePod'];

/**
 * LocalPathProvisioner watches claims annotated for rancher.io/local-path and, once a claim of a
 * WaitForFirstConsumer class has its selected node, creates its PersistentVolume pvc-<claim uid>,
 * pre-bound to the claim and pinned to the node; the PV controller completes the binding.
 */
export class LocalPathProvisioner {
  private readonly client: ApiClient;
  private readonly informers: InformerFactory;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly volumes: Informer<PersistentVolume>;
  private readonly classes: Informer<StorageClass>;
  private readonly claimQueue: WorkQueue;
  private readonly volumeQueue: WorkQueue;
  private readonly recorder: EventRecorder;

  constructor(transport: ApiTransport, sim: Sim) {
    this.client = new ApiClient(transport, 'local-path-provisioner/v0.0.30');
    this.informers = new InformerFactory(this.client, (ms, fn) => sim.timers.after(ms, fn));
    this.claims = this.informers.for<PersistentVolumeClaim>(Resources.persistentvolumeclaims);
    this.volumes = this.informers.for<PersistentVolume>(Resources.persistentvolumes);
    this.classes = this.informers.for<StorageClass>(Resources.storageclasses);
    this.claimQueue = new WorkQueue(sim.timers, 1, retryBaseMs);
    this.volumeQueue = new WorkQueue(sim.timers, 1, retryBaseMs);
    // The library names its event source after the provisioner, its pod and a per-run UUID.
    const rng = sim.rng.fork('local-path-provisioner');
    const pod = `local-path-provisioner-${rng.suffix(10)}-${rng.suffix(5)}`;
    this.recorder = new EventRecorder(this.client, sim, `${LocalPathProvisionerName}_${pod}_${rng.uuid()}`);
    this.claims.addEventHandler({ onAdd: (c) => this.claimQueue.add(keyOf(c)), onUpdate: (_, c) => this.claimQueue.add(keyOf(c)) });
    this.volumes.addEventHandler({ onAdd: (v) => this.volumeQueue.add(keyOf(v)), onUpdate: (_, v) => this.volumeQueue.add(keyOf(v)) });
  }

  async start(): Promise<void> {
    await this.informers.start();
    this.claimQueue.run((key) => this.syncClaim(key));
    this.volumeQueue.run((name) => this.syncVolume(name));
  }

  stop(): void {
    this.claimQueue.shutdown();
    this.volumeQueue.shutdown();
    this.informers.stop();
  }

  /** syncClaim provisions a volume for a claim that asks this provisioner for one. */
  async syncClaim(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const claim = this.claims.lister.get(namespace, name);
    if (!claim) return;
    const storageClass = this.shouldProvision(claim);
    if (!storageClass) return;
    const pvName = `pvc-${claim.metadata!.uid}`;
    if (this.volumes.lister.get(undefined, pvName)) return;
    this.recorder.event(claimRef(claim), EventType.Normal, Provisioning, msgProvisioning(key));
    let volume: PersistentVolume;
    try {
      volume = await this.provision(claim, storageClass, pvName);
    } catch (e) {
      this.recorder.event(claimRef(claim), EventType.Warning, ProvisioningFailed, `failed to provision volume with StorageClass "${storageClass.metadata?.name}": ${(e as Error).message}`);
      throw e;
    }
    try {
      await this.client.create(Resources.persistentvolumes, volume);
    } catch (e) {
      if (!isApiError(e, 'AlreadyExists')) throw e;
    }
    this.recorder.event(claimRef(claim), EventType.Normal, ProvisioningSucceeded, msgProvisioningSucceeded(pvName));
  }

  /** syncVolume deletes a Released volume this provisioner made, when its policy is Delete. */
  async syncVolume(name: string): Promise<void> {
    const volume = this.volumes.lister.get(undefined, name);
    if (!volume || volume.metadata?.deletionTimestamp) return;
    if (volume.status?.phase !== 'Released' || volume.spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
    if (volume.metadata?.annotations?.[AnnDynamicallyProvisioned] !== LocalPathProvisionerName) return;
    try {
      await this.client.delete(Resources.persistentvolumes, undefined, name);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) {
        this.recorder.event(volumeRef(volume), EventType.Warning, 'VolumeFailedDelete', (e as Error).message);
        throw e;
      }
    }
  }

  /** shouldProvision returns the claim's class when the claim waits for this provisioner on a selected node. */
  private shouldProvision(claim: PersistentVolumeClaim): StorageClass | undefined {
    if (claim.spec?.volumeName || claim.metadata?.deletionTimestamp) return undefined;
    const ann = claim.metadata?.annotations ?? {};
    if ((ann[AnnStorageProvisioner] ?? ann[AnnBetaStorageProvisioner]) !== LocalPathProvisionerName) return undefined;
    const storageClass = this.classes.lister.get(undefined, getPersistentVolumeClaimClass(claim));
    if (storageClass?.provisioner !== LocalPathProvisionerName) return undefined;
    if (storageClass.volumeBindingMode === 'WaitForFirstConsumer' && !ann[AnnSelectedNode]) return undefined;
    return storageClass;
  }

  /** provision is local-path's Provision: a hostPath directory named after the volume and the claim, on the selected node. */
  private async provision(claim: PersistentVolumeClaim, storageClass: StorageClass, pvName: string): Promise<PersistentVolume> {
    for (const mode of claim.spec?.accessModes ?? []) {
      if (!supportedAccessModes.includes(mode)) throw new Error('NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes');
    }
    const nodeName = claim.metadata?.annotations?.[AnnSelectedNode];
    if (!nodeName) throw new Error('configuration error, no node was specified');
    const node = await this.client.get<Node>(Resources.nodes, undefined, nodeName);
    const m = claim.metadata!;
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: pvName,
        annotations: { [AnnLocalPathSelectedNode]: node.metadata!.name!, [AnnDynamicallyProvisioned]: LocalPathProvisionerName },
      },
      spec: {
        accessModes: claim.spec?.accessModes,
        capacity: { storage: (claim.spec?.resources?.requests as Record<string, string> | undefined)?.storage ?? '0' },
        claimRef: claimRefTo(claim),
        hostPath: { path: `${LocalPathRoot}/${pvName}_${m.namespace}_${m.name}`, type: 'DirectoryOrCreate' },
        nodeAffinity: {
          required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node.metadata!.name!] }] }] },
        },
        persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
        storageClassName: storageClass.metadata!.name,
        volumeMode: 'Filesystem',
      },
    };
  }
}
