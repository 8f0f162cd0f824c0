import { config } from '../config';
import { ApiFailure, type ApiErrorBody } from './errors';

/**
 * POSTs one file as multipart/form-data (field `file`, plus text fields) with upload progress — fetch cannot
 * report it, so this is the one place the console uses XMLHttpRequest. Resolves with the API's JSON answer,
 * or rejects with an ApiFailure carrying its zh-CN reason.
 */
export function uploadFile<T>(
  path: string,
  token: string | null,
  file: File | Blob,
  fields: Record<string, string>,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', file, file instanceof File ? file.name : 'upload');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${config.apiBaseUrl || window.location.origin}${path}`);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response as T);
      else reject(new ApiFailure(xhr.status, (xhr.response ?? undefined) as ApiErrorBody | undefined));
    };
    xhr.onerror = () => reject(new ApiFailure(0, undefined));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/** Downloads an authenticated file (a bearer token cannot ride on a plain link) under the name the API gives. */
export async function downloadFile(path: string, token: string | null, fallbackName: string): Promise<void> {
  const response = await fetch(`${config.apiBaseUrl || window.location.origin}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).catch(() => {
    throw new ApiFailure(0, undefined);
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as ApiErrorBody | undefined;
    throw new ApiFailure(response.status, body);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
