import { SERVER_LOCATION_ID, WebApiError, type ApiClient } from './api.js';
import { uuid } from './dom.js';

/**
 * Uploads a browser `File` into the `ftrack.server` location the way the
 * ftrack JS client does (protocol 3.4, single part): create the
 * FileComponent and ask for upload metadata in one batch, PUT the bytes to
 * the signed URL with XHR (for upload progress), then register the
 * ComponentLocation. On failure the component is deleted again.
 */

export interface UploadOptions {
  /** Attach the component to this AssetVersion. */
  versionId?: string;
  /** Called with the fraction sent, 0..1. */
  onProgress?: (fraction: number) => void;
}

export interface UploadResult {
  componentId: string;
  name: string;
  fileType: string;
}

/** Splits `clip.final.mov` into `clip.final` and `.mov` (the JS client's naming). */
export function splitFileName(fileName: string): { name: string; fileType: string } {
  const normalized = fileName.normalize('NFC');
  const dot = normalized.lastIndexOf('.');
  if (dot <= 0) return { name: normalized, fileType: '' };
  return { name: normalized.slice(0, dot), fileType: normalized.slice(dot) };
}

function put(url: string, file: Blob, headers: Record<string, string>, onProgress?: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) {
      // The browser sets Content-Length itself and refuses to have it set.
      if (name.toLowerCase() !== 'content-length') xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve();
      } else {
        reject(new WebApiError('UploadError', `the upload URL answered HTTP ${xhr.status} ${xhr.responseText.slice(0, 200)}`));
      }
    };
    xhr.onerror = () => reject(new WebApiError('UploadError', 'the upload failed (network error)'));
    xhr.onabort = () => reject(new WebApiError('UploadError', 'the upload was aborted'));
    xhr.send(file);
  });
}

/** Uploads `file`; resolves with the new component's id. */
export async function uploadFile(api: ApiClient, file: File, options: UploadOptions = {}): Promise<UploadResult> {
  const componentId = uuid();
  const { name, fileType } = splitFileName(file.name);
  const data: Record<string, unknown> = { __entity_type__: 'FileComponent', id: componentId, name, file_type: fileType, size: file.size };
  if (options.versionId) data.version_id = options.versionId;
  const [, metadata] = await api.call([
    { action: 'create', entity_type: 'FileComponent', entity_data: data },
    { action: 'get_upload_metadata', component_id: componentId, file_name: `${name}${fileType}`, file_size: file.size, parts: null },
  ]);
  try {
    const { url, headers } = (metadata ?? {}) as { url?: unknown; headers?: unknown };
    if (typeof url !== 'string') throw new WebApiError('UploadError', 'get_upload_metadata returned no url');
    const absolute = new URL(url, api.serverUrl).toString();
    await put(absolute, file, (headers ?? {}) as Record<string, string>, options.onProgress);
    await api.call([
      {
        action: 'create',
        entity_type: 'ComponentLocation',
        entity_data: {
          __entity_type__: 'ComponentLocation',
          id: uuid(),
          component_id: componentId,
          location_id: SERVER_LOCATION_ID,
          resource_identifier: componentId,
        },
      },
    ]);
  } catch (error) {
    await api.delete('FileComponent', componentId).catch(() => undefined);
    throw error;
  }
  return { componentId, name, fileType };
}
