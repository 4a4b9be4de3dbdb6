/**
 * The viewer of the request being answered, carried through async calls so that the archive
 * the routes see can apply it without every route passing it on. Outside a request (or if the
 * context were ever lost) the viewer is the public: the embargo fails closed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { PUBLIC_VIEWER, type Viewer } from '../../store/visibility.js';

const storage = new AsyncLocalStorage<Viewer>();

export function runAsViewer<T>(viewer: Viewer, work: () => T): T {
  return storage.run(viewer, work);
}

export function currentViewer(): Viewer {
  return storage.getStore() ?? PUBLIC_VIEWER;
}
