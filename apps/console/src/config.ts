/** Run-time settings from /console/config.js (written by the API from its environment); defaults otherwise. */
export interface ConsoleConfig {
  /** Base URL of the API; empty means the console's own origin. */
  apiBaseUrl: string;
  temporalUiUrl: string;
  temporalNamespace: string;
  /** Production: no development login. */
  production: boolean;
  /** The identity provider's login page. */
  loginUrl: string | null;
}

declare global {
  interface Window {
    __CONSOLE_CONFIG__?: Partial<ConsoleConfig>;
  }
}

export const config: ConsoleConfig = {
  apiBaseUrl: '',
  temporalUiUrl: 'http://localhost:8233',
  temporalNamespace: 'default',
  production: false,
  loginUrl: null,
  ...window.__CONSOLE_CONFIG__,
};
