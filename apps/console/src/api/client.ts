import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { config } from '../config';
import type { components, paths } from './schema';

export type ApiClient = Client<paths>;
export type Schemas = components['schemas'];

/**
 * A typed client for the API (types generated from its OpenAPI document): every call carries the
 * session's token, and a 401 ends the session so the user is sent to log in and brought back.
 */
export function createApiClient(token: () => string | null, onUnauthenticated: () => void): ApiClient {
  const client = createClient<paths>({ baseUrl: config.apiBaseUrl || window.location.origin });
  const auth: Middleware = {
    onRequest({ request }) {
      const current = token();
      if (current) request.headers.set('authorization', `Bearer ${current}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401 && token()) onUnauthenticated();
      return response;
    },
  };
  client.use(auth);
  return client;
}
