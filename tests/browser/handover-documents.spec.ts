import { createHash } from 'node:crypto';
import type { Locator } from 'playwright-core';
import { DOCUMENT_KINDS } from '../../libs/domain/src/documents';
import { loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { SAMPLE_FILES } from '../support/files';
import { chinaDayFromNow } from '../support/handover-fixtures';
import { createSyntheticEstate } from '../support/synthetic-estate';

/** An executable (ELF header) renamed to .pdf. */
const ELF = Buffer.concat([Buffer.from('7f454c4602010100000000000000000002003e00', 'hex'), Buffer.alloc(200, 0)]);

/**
 * Issue 15, test 3: developer-a drops a handover document on its checklist line and sees the upload progress and
 * the new version with its SHA-256; an executable renamed .pdf is refused with the API's reason; a second upload
 * becomes version 2.
 */
describe('工作台: 承接查验 documents in a browser', () => {
  let estateId: string;

  const stack = useBrowserStack({ worker: true });

  beforeAll(async () => {
    ({ estateId } = await createSyntheticEstate(stack.dataSource, `bhand${Date.now().toString(36)}`, 4));
    // developer-a built it, firm-a serves it.
    await stack.dataSource.query(
      `UPDATE estates SET developer_id = (SELECT organisation_id FROM users WHERE username = 'developer-a'),
                          property_firm_id = (SELECT organisation_id FROM users WHERE username = 'firm-a') WHERE id = $1`,
      [estateId],
    );
  });

  /** Drops a file on a drop zone as a user's drag and drop does: a `drop` event carrying a DataTransfer. */
  async function drop(zone: Locator, name: string, content: Buffer, type: string): Promise<void> {
    await zone.evaluate(
      (element, file) => {
        // The page's own constructors (this file is compiled without the DOM library).
        const page = globalThis as unknown as {
          DataTransfer: new () => { items: { add(file: unknown): void } };
          File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
          DragEvent: new (type: string, init: object) => Event;
        };
        const transfer = new page.DataTransfer();
        transfer.items.add(new page.File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
        for (const kind of ['dragenter', 'dragover', 'drop']) {
          element.dispatchEvent(new page.DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }
      },
      { name, type, bytes: [...content] },
    );
  }

  it('uploads by drag and drop, refuses a renamed executable with the reason, and lists versions', async () => {
    const developerToken = await stack.api.token('developer-a');
    const started = await stack.api.call('POST', `/estates/${estateId}/handovers`, {
      token: developerToken,
      body: {
        siteInspectionDate: chinaDayFromNow(45),
        unitDeliveryDate: chinaDayFromNow(120),
        scope: '全部共用部位、共用设施设备（浏览器测试）',
      },
    });
    expect(started.status).toBe(201);
    const handoverId: string = started.body.handoverId;

    const page = await (await newContext(stack.browser)).newPage();
    await page.goto(`${stack.api.url}/console/handovers/${handoverId}`);
    await loginAs(page, 'developer-a');
    await page.getByRole('heading', { name: '物业承接查验' }).waitFor();
    await page.getByRole('heading', { name: '资料清单' }).waitFor();

    const line = page.locator('.ant-card', { hasText: DOCUMENT_KINDS.as_built_drawings.label }).first();
    // React's drop handler sits on the drop zone's inner button, which the event must start from.
    const zone = line.locator('.ant-upload-drag .ant-upload-btn');
    const drawings = Buffer.concat([SAMPLE_FILES.pdf(), Buffer.from(`% ${Date.now()}\n`)]);
    await drop(zone, '竣工总平面图.pdf', drawings, 'application/pdf');
    await line
      .getByText('第 1 版')
      .waitFor()
      .catch(async (error) => {
        await screenshot(page, 'failed-handover-drop');
        throw error;
      });
    await line.locator('.ant-progress').waitFor();
    const sha = createHash('sha256').update(drawings).digest('hex');
    await line.getByText(`${sha.slice(0, 16)}…`).waitFor();
    await screenshot(page, 'handover-1-dropped');

    // An executable renamed .pdf: judged by its content, refused with the API's zh-CN reason.
    await line
      .locator('input[type=file]')
      .setInputFiles({ name: '图纸.pdf', mimeType: 'application/pdf', buffer: ELF });
    const refusal = line.getByText(/未接受：「.+」只接受 application\/pdf.*按文件内容识别为 application\/x-elf/);
    await refusal.waitFor();
    expect(await line.getByText('第 2 版').count()).toBe(0);
    await screenshot(page, 'handover-2-refused');

    // A corrected drawing becomes version 2; version 1 stays.
    const revised = Buffer.concat([SAMPLE_FILES.pdf(), Buffer.from(`% revised ${Date.now()}\n`)]);
    await drop(zone, '竣工总平面图（修订）.pdf', revised, 'application/pdf');
    await line.getByText('第 2 版').waitFor();
    await line.getByText('第 1 版').waitFor();
    await line.getByRole('cell', { name: '竣工总平面图（修订）.pdf', exact: true }).waitFor();
    await screenshot(page, 'handover-3-versions');
  });
});
