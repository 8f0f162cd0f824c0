// The inbox contract of the `door` branch (GET /tasks/{id} with the step's JSON Schema, server-side inbox
// filters, task rows with estate and stage), declared here until that branch is merged and the generated
// schema carries it; then this file goes and the pages use Schemas[...] alone.
import type { Client } from 'openapi-fetch';
import type { ApiClient, Schemas } from './client';
import type { JsonSchema } from '../components/schema-form/json-schema';

export interface TaskStep {
  updateName: string;
  title: string;
  /** Self-contained JSON Schema of the step's request body (refs inlined, zh-CN titles and descriptions). */
  payloadSchema: JsonSchema;
}

/** An inbox row: today's fields, and what the door branch adds (optional until it is merged). */
export type InboxTask = Schemas['TaskResponse'] & {
  estateId?: string;
  estateName?: string;
  stage?: string;
  stageLabel?: string;
  isOverdue?: boolean;
  overdueBy?: number | string | null;
};

export type TaskDetail = InboxTask & { step?: TaskStep | null };

interface PendingPaths {
  '/tasks/{id}': {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json': TaskDetail } };
        404: { headers: { [name: string]: unknown }; content: { 'application/json': Schemas['ApiErrorResponse'] } };
      };
    };
  };
}

/** The client, also typed for the routes above. */
export function pendingClient(api: ApiClient): Client<PendingPaths> {
  return api as unknown as Client<PendingPaths>;
}

/** The inbox query the door branch accepts (procedureType, estateId, stage, overdue, sort) beside page/status. */
export interface InboxQuery {
  page: number;
  pageSize: number;
  status?: 'open' | 'completed' | 'withdrawn';
  procedureType?: string;
  estateId?: string;
  stage?: string;
  overdue?: boolean;
  sort?: string;
}
