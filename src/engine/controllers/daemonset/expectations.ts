import type { Clock } from '../../sim/clock';
import { ControllerExpectations } from '../util/expectations';

/**
 * DaemonSetExpectations is ControllerExpectations.SetExpectations(key, adds, dels) of
 * pkg/controller/controller_utils.go: one sync of the DaemonSet controller both creates and deletes
 * pods, so it expects both at once. The shared tracker replaces a key's expectations on every
 * expect call; creations and deletions therefore live in one tracker each.
 */
export class DaemonSetExpectations {
  private readonly creations: ControllerExpectations;
  private readonly deletions: ControllerExpectations;

  constructor(clock: Clock) {
    this.creations = new ControllerExpectations(clock);
    this.deletions = new ControllerExpectations(clock);
  }

  /** satisfiedExpectations is true when neither creations nor deletions are pending (or they expired). */
  satisfiedExpectations(key: string): boolean {
    return this.creations.satisfiedExpectations(key) && this.deletions.satisfiedExpectations(key);
  }

  /** setExpectations replaces key's expectations with adds creations and the deletions of podKeys. */
  setExpectations(key: string, adds: number, podKeys: string[]): void {
    this.creations.expectCreations(key, adds);
    this.deletions.expectDeletions(key, podKeys);
  }

  creationObserved(key: string): void {
    this.creations.creationObserved(key);
  }

  deletionObserved(key: string, podKey: string): void {
    this.deletions.deletionObserved(key, podKey);
  }

  deleteExpectations(key: string): void {
    this.creations.deleteExpectations(key);
    this.deletions.deleteExpectations(key);
  }
}
