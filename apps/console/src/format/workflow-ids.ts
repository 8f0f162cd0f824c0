// Workflow ids as libs/contracts names them (the console cannot import contracts: they import the workflow SDK).

export function fundUseWorkflowId(applicationId: string): string {
  return `maintenance-fund-use-${applicationId}`;
}
