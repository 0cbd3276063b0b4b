import { createContext, useContext } from 'react';
import type { ApiClient } from '../../engine/client/apiClient';

/** ApiClientContext carries the page's one ApiClient (over the engine Worker) to components. */
export const ApiClientContext = createContext<ApiClient | undefined>(undefined);

/** useApiClient returns the page's ApiClient; components render only once the engine has booted. */
export function useApiClient(): ApiClient {
  const client = useContext(ApiClientContext);
  if (!client) throw new Error('useApiClient outside ApiClientContext');
  return client;
}
