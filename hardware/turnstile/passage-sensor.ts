/**
 * PassageSensor: the turnstile's rotation contact or the door's position switch, which tells that someone actually
 * went through after the relay released. Drivers: GpioPassageSensor (an input line) and SimulatedPassageSensor.
 */
import { Listeners } from '../common/listeners.js';
import type { GpioEdgeKind, GpioLine } from '../gpio/gpio-line.js';

export interface PassageSensor {
  /** Called once per passage with the monotonic ms it was seen at. */
  onPassage(listener: (at: number) => void): () => void;
  close(): void;
}

export class GpioPassageSensor implements PassageSensor {
  private readonly passages = new Listeners<number>();
  private readonly unsubscribe: () => void;

  /** `trigger`: the logical edge that means "passed" (rising = contact became active). */
  constructor(
    private readonly line: GpioLine,
    trigger: GpioEdgeKind | 'both' = 'rising',
  ) {
    this.unsubscribe = line.onEdge((edge) => {
      if (trigger === 'both' || edge.edge === trigger) this.passages.emit(edge.at);
    });
  }

  onPassage(listener: (at: number) => void): () => void {
    return this.passages.add(listener);
  }

  close(): void {
    this.unsubscribe();
    this.line.close();
  }
}

export class SimulatedPassageSensor implements PassageSensor {
  private readonly passages = new Listeners<number>();
  closed = false;

  onPassage(listener: (at: number) => void): () => void {
    return this.passages.add(listener);
  }

  close(): void {
    this.closed = true;
  }

  /** Test control: someone walks through. */
  pass(at: number = performance.now()): void {
    if (!this.closed) this.passages.emit(at);
  }
}
