import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import { DocumentsService } from '../../apps/api/src/documents/documents.service';
import { SAMPLE_FILES, sha256, unzip, upload } from '../support/files';
import { chinaDayFromNow } from '../support/handover-fixtures';
import { useApiStack } from '../support/api-stack';
import { eventually } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';

/** 承接查验 through HTTP as the developer, the property firm and the bureau would drive it. */
describe('handover inspection through the HTTP API', () => {
  const stack = useApiStack({
    developer: 'developer-a',
    firm: 'firm-a',
    otherFirm: 'firm-b',
    bureau: 'luojiang-bureau',
  });
  const { tokens } = stack;

  it('takes real files from both parties, keeps another firm out, and exports an archive that verifies', async () => {
    const [estate] = await stack.dataSource.query(`SELECT id FROM estates WHERE name = '湖景豪园'`);
    const plan = {
      siteInspectionDate: chinaDayFromNow(45),
      unitDeliveryDate: chinaDayFromNow(120),
      scope: '1–6号楼共用部位、共用设施设备及物业服务用房',
    };
    expect(
      await stack.api.call('POST', `/estates/${estate.id}/handovers`, {
        token: tokens.developer,
        // 20 days out leaves the documents due today, but the firm still has its days to agree the plan first.
        body: { ...plan, siteInspectionDate: chinaDayFromNow(20) },
      }),
    ).toMatchObject({
      status: 422,
      body: { code: 'PLAN_INVALID', message: expect.stringContaining('物业服务企业确认方案的期限至') },
    });
    expect(
      await stack.api.call('POST', `/estates/${estate.id}/handovers`, { token: tokens.firm, body: plan }),
    ).toMatchObject({ status: 403 });
    const started = await stack.api.call('POST', `/estates/${estate.id}/handovers`, {
      token: tokens.developer,
      body: plan,
    });
    expect(started.status).toBe(201);
    const id: string = started.body.handoverId;
    const url = `${stack.api.url}/handovers/${id}`;
    const post = (path: string, token: string, body: object = {}) =>
      stack.api.call('POST', `/handovers/${id}${path}`, { token, body });
    const stage = async () => (await stack.api.call('GET', `/handovers/${id}`, { token: tokens.firm })).body.stage;
    const reach = (expected: string) => eventually(async () => ((await stage()) === expected ? true : undefined));

    // Another firm: not even told the handover exists.
    expect(await stack.api.call('GET', `/handovers/${id}`, { token: tokens.otherFirm })).toMatchObject({ status: 404 });
    expect(
      await upload(
        `${url}/documents`,
        tokens.otherFirm,
        { content: SAMPLE_FILES.jpeg(), name: 'x.jpg' },
        { kind: 'inspection_photo' },
      ),
    ).toMatchObject({ status: 404 });

    await reach('plan');
    expect(await post('/plan/agree', tokens.developer)).toMatchObject({ status: 403 });
    expect(await post('/plan/agree', tokens.firm)).toMatchObject({ status: 200 });
    await reach('documents');

    // The developer uploads its documents, each checked by content and kept by hash.
    const required = NATIONAL_DEFAULT_POLICY.handover.requiredDocuments;
    for (const kind of required.slice(1)) {
      const content = Buffer.concat([SAMPLE_FILES.pdf(), Buffer.from(kind)]);
      const stored = await upload(`${url}/documents`, tokens.developer, { content, name: `${kind}.pdf` }, { kind });
      expect(stored).toMatchObject({
        status: 201,
        body: { kind, sha256: sha256(content), mediaType: 'application/pdf', version: 1 },
      });
    }
    expect(
      await upload(
        `${url}/documents`,
        tokens.developer,
        { content: SAMPLE_FILES.text(), name: '竣工图.pdf' },
        { kind: required[0] },
      ),
    ).toMatchObject({
      status: 422,
      body: { code: 'FILE_TYPE_NOT_ALLOWED' },
    });
    expect(
      await upload(
        `${url}/documents`,
        tokens.firm,
        { content: SAMPLE_FILES.pdf(), name: 'a.pdf' },
        { kind: required[0] },
      ),
    ).toMatchObject({
      status: 403,
      body: { code: 'UPLOAD_NOT_ALLOWED' },
    });
    expect(await post('/documents/submit', tokens.developer)).toMatchObject({
      status: 422,
      body: { code: 'INVALID_PAYLOAD' },
    });
    expect(
      await post('/documents/submit', tokens.developer, {
        missing: [{ kind: required[0], committedDate: chinaDayFromNow(40) }],
      }),
    ).toMatchObject({ status: 200 });
    await reach('site_inspection');
    // The missing drawings arrive later and are delivered to the procedure on upload.
    expect(
      await upload(
        `${url}/documents`,
        tokens.developer,
        { content: SAMPLE_FILES.pdf(), name: '竣工总平面图.pdf' },
        { kind: required[0] },
      ),
    ).toMatchObject({ status: 201 });
    const checklist = (await stack.api.call('GET', `/handovers/${id}`, { token: tokens.firm })).body.checklist;
    const drawings = (await stack.api.call('GET', `/handovers/${id}`, { token: tokens.firm })).body.documents[0];
    expect(await stack.api.call('GET', `/documents/${drawings.id}`, { token: tokens.firm })).toMatchObject({
      status: 200,
    });
    expect(await stack.api.call('GET', `/documents/${drawings.id}`, { token: tokens.otherFirm })).toMatchObject({
      status: 404,
    });
    expect(
      await stack.api.call('GET', `/documents/${drawings.id}`, { token: await stack.api.token('owner-a') }),
    ).toMatchObject({
      status: 404,
    });
    expect(checklist.find((c: { kind: string }) => c.kind === required[0]).status).toBe('present');

    // Site inspection with a photographed defect, one round of 整改 and 复验.
    const photo = await upload(
      `${url}/documents`,
      tokens.firm,
      { content: SAMPLE_FILES.png(), name: '屋面.png' },
      { kind: 'inspection_photo', label: '3号楼屋面' },
    );
    expect(photo.status).toBe(201);
    const defect = {
      location: '3号楼屋面',
      category: '防水',
      severity: 'major',
      description: '渗水',
      requiredFix: '重做防水层',
      photoDocumentId: photo.body.id,
    };
    const record = {
      method: '核对资料、现场观察',
      conclusion: '发现问题 1 项',
      photoDocumentIds: [photo.body.id],
      inspectors: ['林建国', '陈明'],
    };
    // 办法 art 12 step 5: the written record is signed by both parties' inspectors, the firm's with the record.
    expect(
      await post('/inspection', tokens.firm, { record: { ...record, inspectors: [] }, defects: [defect] }),
    ).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await post('/inspection', tokens.firm, { record, defects: [defect] })).toMatchObject({ status: 200 });
    // The developer's inspectors sign it before the defects go to 整改; its remarks go on the record, the defects stand.
    const confirmation = { inspectors: ['黄志强'], remarks: '对第 1 项问题的成因有异议，同意先行整改' };
    expect(await post('/inspection-confirmation', tokens.firm, confirmation)).toMatchObject({ status: 403 });
    expect(await post('/inspection-confirmation', tokens.developer, confirmation)).toMatchObject({
      status: 200,
      body: { stage: 'site_inspection' },
    });
    expect(await post('/inspection-confirmation', tokens.developer, confirmation)).toMatchObject({ status: 409 });
    await reach('rectification');
    const [site] = (await stack.api.call('GET', `/handovers/${id}`, { token: tokens.firm })).body.inspections;
    expect(site).toMatchObject({
      kind: 'site',
      inspectors: ['林建国', '陈明'],
      developerInspectors: ['黄志强'],
      developerRemarks: confirmation.remarks,
      developerConfirmedAt: expect.any(String),
    });
    const [{ id: defectId }] = (await stack.api.call('GET', `/handovers/${id}`, { token: tokens.firm })).body.defects;
    expect(
      await post('/reinspection-requests', tokens.developer, { fixes: [{ defectId, note: '已重做防水层' }] }),
    ).toMatchObject({ status: 200 });
    await reach('reinspection');
    expect(
      await post('/reinspection', tokens.firm, {
        record: { ...record, conclusion: '整改合格' },
        closedDefectIds: [defectId],
      }),
    ).toMatchObject({ status: 200 });
    await reach('agreement');

    // Agreement signed by both, handover recorded, filing accepted.
    const agreement = await upload(
      `${url}/documents`,
      tokens.developer,
      { content: SAMPLE_FILES.pdf(), name: '承接查验协议.pdf' },
      { kind: 'handover_agreement' },
    );
    expect(await post('/agreement/sign', tokens.developer, { documentId: photo.body.id })).toMatchObject({
      status: 422,
      body: { code: 'DOCUMENT_MISMATCH' },
    });
    expect(await post('/agreement/sign', tokens.developer, { documentId: agreement.body.id })).toMatchObject({
      status: 200,
    });
    expect(await post('/agreement/sign', tokens.firm, { documentId: agreement.body.id })).toMatchObject({
      status: 200,
    });
    await reach('handover');
    const handoverRecord = await upload(
      `${url}/documents`,
      tokens.firm,
      { content: SAMPLE_FILES.pdf(), name: '交接记录.pdf' },
      { kind: 'handover_record' },
    );
    expect(await post('/handover-record', tokens.firm, { documentId: handoverRecord.body.id })).toMatchObject({
      status: 200,
    });
    await reach('filing');
    const filing = await upload(
      `${url}/documents`,
      tokens.firm,
      { content: SAMPLE_FILES.pdf(), name: '备案材料.pdf' },
      { kind: 'filing_package' },
    );
    // rules.md §2 (FILED): the filing names its parts; the two the procedure does not already hold are uploaded.
    expect(await post('/filing', tokens.firm, { documentId: filing.body.id })).toMatchObject({
      status: 422,
      body: { code: 'FILING_PACKAGE_INCOMPLETE', message: expect.stringContaining('前期物业服务合同、临时管理规约') },
    });
    for (const [kind, name] of [
      ['preliminary_service_contract', '前期物业服务合同.pdf'],
      ['provisional_covenant', '临时管理规约.pdf'],
    ])
      expect(
        await upload(`${url}/documents`, tokens.firm, { content: SAMPLE_FILES.pdf(), name }, { kind }),
      ).toMatchObject({ status: 201 });
    expect(await post('/filing', tokens.firm, { documentId: filing.body.id })).toMatchObject({ status: 200 });
    await reach('filing_review');
    expect(await post('/filing/review', tokens.firm, { accepted: true, filingNumber: 'X' })).toMatchObject({
      status: 403,
    });
    expect(
      await post('/filing/review', tokens.bureau, { accepted: true, filingNumber: '洛建物备〔2026〕21号' }),
    ).toMatchObject({ status: 200 });
    await reach('done');
    // "Tell owners the filing is done": one in-app notice to each owner on the estate's roll, once the case closes.
    const { owners, told } = await eventually(async () => {
      const [counts] = await stack.dataSource.query(
        `SELECT (SELECT count(DISTINCT vso.owner_id) FROM units u
                   JOIN voting_subject_owners vso ON vso.voting_subject_id = u.voting_subject_id WHERE u.estate_id = $1)::int AS owners,
                (SELECT count(*) FROM notifications WHERE dedup_key LIKE $2)::int AS told`,
        [estate.id, `handover-filed:${id}:%`],
      );
      return counts.told > 0 ? counts : undefined;
    });
    expect(owners).toBeGreaterThan(0);
    expect(told).toBe(owners);

    // The archive: every stored version, hashes that match the files, the manifest and SHA256SUMS agree.
    expect(await stack.api.call('GET', `/handovers/${id}/archive`, { token: tokens.otherFirm })).toMatchObject({
      status: 404,
    });
    // Blobs are opened one at a time, each once the one before is read, never one open file per document.
    const documents = stack.api.app.get(DocumentsService);
    const openBlob = documents.openBlob.bind(documents);
    let reading = 0;
    let mostReading = 0;
    const opened = jest.spyOn(documents, 'openBlob').mockImplementation(async (hash) => {
      const blob = await openBlob(hash);
      mostReading = Math.max(mostReading, ++reading);
      blob.once('end', () => reading--);
      return blob;
    });
    const response = await fetch(`${url}/archive`, { headers: { authorization: `Bearer ${tokens.firm}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    const opens = opened.mock.calls.length;
    opened.mockRestore();
    expect(opens).toBeGreaterThan(3);
    expect(mostReading).toBe(1);
    const manifest = JSON.parse(entries.get('manifest.json')!.content.toString('utf8'));
    const stored = await stack.dataSource.query(
      `SELECT id, sha256 FROM documents WHERE subject_type = 'handover' AND subject_id = $1`,
      [id],
    );
    expect(manifest.documents).toHaveLength(stored.length);
    for (const doc of manifest.documents) {
      expect(sha256(entries.get(doc.path)!.content)).toBe(doc.sha256);
      // JPEGs and PDFs are compressed already: stored as they are (method 0), not deflated again (8).
      expect([doc.mediaType, entries.get(doc.path)!.compressionMethod]).toEqual([doc.mediaType, 0]);
      expect(stored.find((s: { id: string }) => s.id === doc.id).sha256).toBe(doc.sha256);
      expect(doc).toHaveProperty('uploadedByOrganisation');
    }
    // SHA256SUMS as `sha256sum -c` reads it: one "<hash>  <path>" line per file, each hash that of the file's bytes.
    const sums = entries
      .get('SHA256SUMS')!
      .content.toString('utf8')
      .trim()
      .split('\n')
      .map((line) => /^([0-9a-f]{64}) {2}(\S.*)$/.exec(line)!);
    expect(sums.every(Boolean)).toBe(true);
    expect(sums.map(([, , path]) => path).sort()).toEqual(
      manifest.documents.map((d: { path: string }) => d.path).sort(),
    );
    for (const [, hash, path] of sums) expect([path, sha256(entries.get(path)!.content)]).toEqual([path, hash]);
    expect(entries.get('manifest.json')!.compressionMethod).toBe(8);
    expect(manifest.handover).toMatchObject({ filingNumber: '洛建物备〔2026〕21号', stage: 'done' });
    expect(manifest.inspections).toHaveLength(2);
    expect(manifest.timeline.length).toBeGreaterThan(10);
  });

  it('refuses, in 漳平, a plan that invites no 村（居）民委员会 and a site-inspection record it is missing from (seed 004 §11)', async () => {
    const { dataSource } = stack;
    // 西园社区, 漳平市菁城街道: developer-a built it, firm-a takes it over.
    const { estateId } = await createSyntheticEstate(dataSource, `ho-zp${Date.now().toString(36)}`, 10, '350881001001');
    await dataSource.query(
      `UPDATE estates SET developer_id = (SELECT organisation_id FROM users WHERE username = 'developer-a'),
              property_firm_id = (SELECT organisation_id FROM users WHERE username = 'firm-a') WHERE id = $1`,
      [estateId],
    );
    const invited = [
      { kind: 'residents_committee', names: ['（合成）西园社区居委会'] },
      { kind: 'owner_representatives', names: ['陈志明'] },
      { kind: 'association_or_professional_body', names: ['漳平市物业管理行业协会'] },
    ];
    const plan = {
      siteInspectionDate: chinaDayFromNow(45),
      unitDeliveryDate: chinaDayFromNow(120),
      scope: '1号楼共用部位、共用设施设备',
    };
    const startWith = (invitedParticipants: object[]) =>
      stack.api.call('POST', `/estates/${estateId}/handovers`, {
        token: tokens.developer,
        body: { ...plan, invitedParticipants },
      });
    expect(await startWith(invited.slice(1))).toMatchObject({
      status: 422,
      body: {
        code: 'PLAN_INVALID',
        problems: ['本地规定建设单位须邀请村（居）民委员会参与承接查验，请写明其名称'],
      },
    });
    const started = await startWith(invited);
    expect(started.status).toBe(201);
    const id: string = started.body.handoverId;
    const post = (path: string, token: string, body: object = {}) =>
      stack.api.call('POST', `/handovers/${id}${path}`, { token, body });
    const detail = async () => (await stack.api.call('GET', `/handovers/${id}`, { token: tokens.firm })).body;
    const reach = (expected: string) =>
      eventually(async () => ((await detail()).stage === expected ? true : undefined));

    await reach('plan');
    expect(await post('/plan/agree', tokens.firm)).toMatchObject({ status: 200 });
    await reach('documents');
    const waived = NATIONAL_DEFAULT_POLICY.handover.requiredDocuments.map((kind) => ({
      kind,
      reason: '本项目资料已由档案馆移交',
    }));
    expect(await post('/documents/submit', tokens.developer, { waived })).toMatchObject({ status: 200 });
    await reach('site_inspection');
    const attendees = [
      { kind: 'owner_representatives', names: ['陈志明'] },
      { kind: 'association_or_professional_body', names: ['张工'] },
    ];
    const inspection = (present: object[]) =>
      post('/inspection', tokens.firm, {
        record: { method: '核对资料、现场观察', conclusion: '未发现问题', inspectors: ['林建国'], attendees: present },
        defects: [],
      });
    expect(await inspection(attendees)).toMatchObject({
      status: 422,
      body: {
        code: 'PARTICIPANT_ABSENT',
        message: expect.stringContaining('村（居）民委员会'),
        problems: ['record.attendees：未记录村（居）民委员会到场参与查验'],
      },
    });
    expect(await detail()).toMatchObject({ stage: 'site_inspection', inspections: [] });
    const present = [{ kind: 'residents_committee', names: ['王秀英'] }, ...attendees];
    expect(await inspection(present)).toMatchObject({ status: 200 });
    expect(await detail()).toMatchObject({
      plan: { invitedParticipants: invited },
      inspections: [{ kind: 'site', attendees: present }],
    });
  });
});
