import type { ControllerConstructor } from '../controllers/controllerManager';
import { DeploymentController } from '../controllers/deployment/deployment';
import { extraControllers } from '../controllers/extraControllers';
import { GarbageCollector } from '../controllers/garbageCollector';
import { NamespaceController } from '../controllers/namespace';
import { NodeLifecycleController } from '../controllers/nodeLifecycle';
import { ReplicaSetController, ReplicationManager } from '../controllers/replicaSet';
import { EphemeralVolumeController } from '../controllers/volume/ephemeralVolume';
import { PersistentVolumeController } from '../controllers/volume/persistentVolumeController';
import { PVCProtectionController } from '../controllers/volume/pvcProtection';
import { PVProtectionController } from '../controllers/volume/pvProtection';

/** controllerConstructors are the controllers kube-controller-manager runs in this engine. */
export const controllerConstructors: ControllerConstructor[] = [
  DeploymentController,
  ReplicaSetController,
  ReplicationManager,
  GarbageCollector,
  NamespaceController,
  NodeLifecycleController,
  PersistentVolumeController,
  PVCProtectionController,
  PVProtectionController,
  EphemeralVolumeController,
  ...extraControllers,
];
