import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { SAMPLE_FILES, sha256, upload } from '../support/files';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  testBlobRoot,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';
import { createSyntheticEstate, type SyntheticVoter } from '../support/synthetic-estate';

interface RollUnit {
  unitId: string;
  ownerId: string;
}

/** Proxy and paper ballots rest on uploaded documents; a change of ownership during the window follows the rules. */
describe('recorded ballots, their documents, and ownership changes during a vote', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let dataSource: DataSource;
  let clerk: string;

  interface OpenVote {
    estateId: string;
    voters: SyntheticVoter[];
    /** Units held alone by their subject, in room order, with the owner behind each. */
    units: RollUnit[];
    voteId: string;
    documentsUrl: string;
  }

  /** An open vote of a synthetic estate of its own, so no test sees another's ballots or documents. */
  const openVote = async (prefix: string): Promise<OpenVote> => {
    const { estateId, voters } = await createSyntheticEstate(dataSource, prefix, 20);
    const units: RollUnit[] = await dataSource.query(
      `SELECT u.id AS "unitId", vso.owner_id AS "ownerId" FROM units u JOIN voting_subject_owners vso ON vso.voting_subject_id = u.voting_subject_id
        WHERE u.estate_id = $1 AND (SELECT count(*) FROM units x WHERE x.voting_subject_id = u.voting_subject_id) = 1 ORDER BY u.room_no::int`,
      [estateId],
    );
    const started = await api.call('POST', `/estates/${estateId}/votes`, {
      token: clerk,
      body: { matterItem: 'other_major', question: '是否同意更换小区监控设备' },
    });
    expect(started.status).toBe(201);
    const voteId: string = started.body.voteId;
    await eventually(async () =>
      (await api.call('GET', `/votes/${voteId}`, { token: clerk })).body.status === 'open' ? true : undefined,
    );
    return { estateId, voters, units, voteId, documentsUrl: `${api.url}/votes/${voteId}/documents` };
  };

  /** A 授权委托书 for the first unit and a scanned 表决票 for the second, as the clerk uploads them. */
  const uploadSupporting = async ({ units, documentsUrl }: OpenVote) => {
    const [authorisation, scan] = [
      await upload(
        documentsUrl,
        clerk,
        { content: SAMPLE_FILES.pdf(), name: '授权委托书-1号.pdf' },
        { kind: 'proxy_authorisation', unitId: units[0].unitId },
      ),
      await upload(
        documentsUrl,
        clerk,
        { content: SAMPLE_FILES.png(), name: '表决票.png' },
        { kind: 'paper_ballot', unitId: units[1].unitId },
      ),
    ];
    expect([authorisation.status, scan.status]).toEqual([201, 201]);
    return { authorisationId: authorisation.body.id as string, scanId: scan.body.id as string };
  };
  const record = ({ voteId }: OpenVote, body: object) =>
    api.call('POST', `/votes/${voteId}/recorded-ballots`, { token: clerk, body });
  /** The first unit voted by proxy, the second on paper. */
  const recordProxyAndPaper = async (vote: OpenVote) => {
    const { authorisationId, scanId } = await uploadSupporting(vote);
    const [proxyUnit, paperUnit] = [vote.units[0].unitId, vote.units[1].unitId];
    expect(
      await record(vote, { channel: 'proxy', unitId: proxyUnit, documentId: authorisationId, choice: 'yes' }),
    ).toMatchObject({ status: 201, body: { channel: 'proxy' } });
    expect(await record(vote, { channel: 'paper', unitId: paperUnit, documentId: scanId, choice: 'no' })).toMatchObject(
      { status: 201, body: { channel: 'paper' } },
    );
    return { authorisationId, scanId };
  };

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startWorker(dataSource);
    api = await startApi({ maxUploadBytes: 1024 * 1024 });
    clerk = await api.token('majia-clerk');
  });

  afterAll(async () => {
    await api?.app.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  it('keeps an uploaded authorisation by its content hash, versions re-uploads, and refuses unsafe files', async () => {
    const { estateId, voters, units, voteId, documentsUrl } = await openVote('vote-docs-upload');
    const unitId = units[0].unitId;
    const pdf = SAMPLE_FILES.pdf();
    const first = await upload(
      documentsUrl,
      clerk,
      { content: pdf, name: '授权委托书-1号.pdf' },
      { kind: 'proxy_authorisation', unitId },
    );
    expect(first).toMatchObject({
      status: 201,
      body: {
        version: 1,
        sha256: sha256(pdf),
        size: pdf.length,
        mediaType: 'application/pdf',
        originalName: '授权委托书-1号.pdf',
      },
    });
    const scan = SAMPLE_FILES.jpeg();
    const second = await upload(
      documentsUrl,
      clerk,
      { content: scan, name: 'scan.jpg' },
      { kind: 'proxy_authorisation', unitId },
    );
    expect(second).toMatchObject({ status: 201, body: { version: 2, sha256: sha256(scan), mediaType: 'image/jpeg' } });

    // Another jurisdiction's clerk gets the answer a made-up id gets, for the document, its vote and an owner.
    const meiling = await api.token('meiling-clerk');
    const nowhere = '00000000-0000-4000-8000-000000000000';
    for (const [elsewhere, madeUp] of [
      [`/documents/${first.body.id}`, `/documents/${nowhere}`],
      [`/votes/${voteId}`, `/votes/${nowhere}`],
      [`/owners/${units[0].ownerId}`, `/owners/${nowhere}`],
    ]) {
      const [a, b] = [
        await api.call('GET', elsewhere, { token: meiling }),
        await api.call('GET', madeUp, { token: meiling }),
      ];
      expect(a.status).toBe(404);
      expect({ ...a.body, requestId: undefined }).toEqual({ ...b.body, requestId: undefined });
    }

    const downloaded = await fetch(`${api.url}/documents/${first.body.id}/content`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toBe('application/pdf');
    expect(sha256(Buffer.from(await downloaded.arrayBuffer()))).toBe(sha256(pdf));

    const refusals = [
      [{ content: SAMPLE_FILES.text(), name: 'fake.pdf' }, 422, 'FILE_TYPE_NOT_ALLOWED'],
      [{ content: Buffer.alloc(0), name: 'empty.pdf' }, 422, 'EMPTY_FILE'],
      [{ content: pdf, name: '../../etc/passwd' }, 400, 'UNSAFE_FILE_NAME'],
      [{ content: pdf, name: '委托书\u202Efdp.exe' }, 400, 'UNSAFE_FILE_NAME'],
      [{ content: SAMPLE_FILES.pdfFrontedExecutable(), name: 'a.pdf' }, 422, 'FILE_CONTENT_REFUSED'],
      [{ content: Buffer.concat([pdf, Buffer.alloc(1024 * 1024)]), name: 'huge.pdf' }, 413, 'FILE_TOO_LARGE'],
      [null, 400, 'FILE_REQUIRED'],
    ] as const;
    for (const [file, status, code] of refusals) {
      expect(await upload(documentsUrl, clerk, file, { kind: 'proxy_authorisation', unitId })).toMatchObject({
        status,
        body: { code },
      });
    }
    expect(
      await upload(
        documentsUrl,
        clerk,
        { content: pdf, name: 'a.pdf' },
        { kind: 'proxy_authorisation', unitId: estateId },
      ),
    ).toMatchObject({
      status: 422,
      body: { code: 'UNIT_NOT_ON_ROLL' },
    });
    expect(
      await upload(
        documentsUrl,
        await api.token('firm-a'),
        { content: pdf, name: 'a.pdf' },
        { kind: 'proxy_authorisation', unitId },
      ),
    ).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    // A request that is not one file in the field `file` is refused before any file is kept.
    const twoFiles = new FormData();
    twoFiles.append('kind', 'proxy_authorisation');
    twoFiles.append('unitId', unitId);
    twoFiles.append('file', new Blob([pdf]), 'a.pdf');
    twoFiles.append('file', new Blob([pdf]), 'b.pdf');
    const posted = (body: FormData | string, contentType?: string) =>
      fetch(documentsUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${clerk}`, ...(contentType ? { 'content-type': contentType } : {}) },
        body,
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect(await posted(twoFiles)).toMatchObject({ status: 400, body: { code: 'MULTIPART_INVALID' } });
    const wrongField = new FormData();
    wrongField.append('attachment', new Blob([pdf]), 'a.pdf');
    expect(await posted(wrongField)).toMatchObject({ status: 400, body: { code: 'MULTIPART_INVALID' } });
    expect(await posted(JSON.stringify({ kind: 'proxy_authorisation', unitId }), 'application/json')).toMatchObject({
      status: 400,
      body: { code: 'MULTIPART_INVALID' },
    });
    // Refused files leave nothing behind: two versions, nothing else, and nothing left in staging.
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM documents WHERE subject_id = $1`, [voteId]);
    expect(n).toBe(2);
    expect(await readdir(join(testBlobRoot(), 'staging'))).toEqual([]);
    // Another town's clerk cannot even learn that the document exists; nor can an owner or a firm of the estate.
    expect(
      await api.call('GET', `/documents/${first.body.id}`, { token: await api.token('meiling-clerk') }),
    ).toMatchObject({ status: 404 });
    const owner = voters[1];
    expect(
      await api.call('GET', `/documents/${first.body.id}/content`, { token: await api.token(owner.username) }),
    ).toMatchObject({ status: 404 });
  });

  it('records proxy and paper ballots only with their supporting document, marked by channel', async () => {
    const vote = await openVote('vote-docs-ballots');
    const { voters, units, voteId } = vote;
    const [proxyUnit, paperUnit] = [units[0].unitId, units[1].unitId];
    const { authorisationId, scanId } = await uploadSupporting(vote);

    expect(
      await record(vote, { channel: 'paper', unitId: proxyUnit, documentId: authorisationId, choice: 'yes' }),
    ).toMatchObject({ status: 422, body: { code: 'SUPPORTING_DOCUMENT_MISMATCH' } });
    expect(
      await record(vote, { channel: 'proxy', unitId: paperUnit, documentId: authorisationId, choice: 'yes' }),
    ).toMatchObject({ status: 422, body: { code: 'SUPPORTING_DOCUMENT_MISMATCH' } });
    expect(
      await record(vote, { channel: 'proxy', unitId: proxyUnit, documentId: authorisationId, choice: 'yes' }),
    ).toMatchObject({ status: 201, body: { channel: 'proxy' } });
    expect(
      await record(vote, { channel: 'proxy', unitId: proxyUnit, documentId: authorisationId, choice: 'no' }),
    ).toMatchObject({ status: 409, body: { code: 'ALREADY_VOTED' } });
    expect(await record(vote, { channel: 'paper', unitId: paperUnit, documentId: scanId, choice: 'no' })).toMatchObject(
      {
        status: 201,
        body: { channel: 'paper' },
      },
    );

    // The owner of a unit voted by proxy cannot vote again online.
    const owner = voters.find((v) => v.certificateNo.endsWith('-CERT-1'))!;
    expect(
      await api.call('POST', `/votes/${voteId}/ballots`, {
        token: await api.token(owner.username),
        body: { choice: 'no', idNumber: owner.idNumber, certificateNo: owner.certificateNo },
      }),
    ).toMatchObject({
      status: 409,
      body: { code: 'ALREADY_VOTED' },
    });
    const detail = await api.call('GET', `/votes/${voteId}`, { token: clerk });
    expect(detail.body.turnout).toMatchObject({ votedHeads: 2, proxyBallots: 1, paperBallots: 1 });
  });

  it('opens a scanned paper ballot only to its organiser and the bureau (locality policy), each opening audited', async () => {
    const vote = await openVote('vote-docs-readers');
    const { voters, voteId } = vote;
    const { authorisationId, scanId } = await uploadSupporting(vote);
    const [{ organiser }] = await dataSource.query(
      `SELECT organiser_organisation_id AS organiser FROM votes WHERE id = $1`,
      [voteId],
    );
    const [{ clerkOrg }] = await dataSource.query(
      `SELECT organisation_id AS "clerkOrg" FROM users WHERE username = 'majia-clerk'`,
    );
    expect(organiser).toBe(clerkOrg);
    // Another street office whose reach covers the estate but which did not organise this vote.
    await dataSource.query(
      `WITH o AS (INSERT INTO organisations (kind, name, jurisdiction_code, synthetic)
                  VALUES ('street_office', '（合成）马甲镇另一办公室', '350504102', true) RETURNING id)
       INSERT INTO users (username, display_name, role, jurisdiction_code, organisation_id, synthetic)
       SELECT 'vote-docs-other-street', '（合成）另一办公室经办人', 'street_office', '350504102', id, true FROM o`,
    );
    const open = async (username: string, documentId = scanId) => {
      const token = await api.token(username);
      const meta = await api.call('GET', `/documents/${documentId}`, { token });
      const response = await fetch(`${api.url}/documents/${documentId}/content`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = response.status === 200 ? await response.arrayBuffer() : await response.json();
      return { meta, content: { status: response.status, body } };
    };
    const nowhere = await open('luojiang-bureau', '00000000-0000-4000-8000-000000000000');
    const expectHidden = async (username: string) => {
      const { meta, content } = await open(username);
      for (const [answer, madeUp] of [
        [meta, nowhere.meta],
        [content, nowhere.content],
      ]) {
        expect(answer.status).toBe(404);
        expect({ ...answer.body, requestId: undefined }).toEqual({ ...madeUp.body, requestId: undefined });
      }
    };
    const reads = async () =>
      dataSource.query(
        `SELECT u.username, a.result FROM audit_log a JOIN users u ON u.id = a.principal_user_id
          WHERE a.action = 'download document' AND a.resource = $1 ORDER BY a.id`,
        [`/documents/${scanId}/content`],
      );

    expect((await open('majia-clerk')).content.status).toBe(200);
    expect(await reads()).toEqual([{ username: 'majia-clerk', result: 200 }]);
    expect(await open('luojiang-bureau')).toMatchObject({ meta: { status: 200 }, content: { status: 200 } });
    for (const username of [
      'vote-docs-other-street',
      'majia-village',
      'majia-police',
      'meiling-clerk',
      voters[1].username,
    ])
      await expectHidden(username);
    // The village office still opens a 授权委托书 (it shows who stands for whom, not a choice).
    expect((await open('majia-village', authorisationId)).content.status).toBe(200);

    // The case page lists the scan and its openings to the bureau; the village office sees neither.
    const workflowId = `owners-vote-${voteId}`;
    const bureauCase = await api.call('GET', `/procedures/${workflowId}`, {
      token: await api.token('luojiang-bureau'),
    });
    expect(bureauCase.body.documents.map((d: { id: string }) => d.id)).toContain(scanId);
    expect(
      bureauCase.body.documentReads
        .filter((r: { documentId: string }) => r.documentId === scanId)
        .map((r: { role: string }) => r.role),
    ).toEqual(['street_office', 'housing_bureau']);
    const villageCase = await api.call('GET', `/procedures/${workflowId}`, { token: await api.token('majia-village') });
    expect(villageCase.status).toBe(200);
    expect(villageCase.body.documents.map((d: { kind: string }) => d.kind)).not.toContain('paper_ballot');
    expect(villageCase.body.documentReads.map((r: { documentId: string }) => r.documentId)).not.toContain(scanId);

    // A locality's own readers replace the default: here the bureau and the village office, not the organiser.
    const setReaders = (readers: string[] | null) =>
      dataSource.query(`UPDATE jurisdictions SET policy_override = $2 WHERE code = $1`, [
        '350504102',
        readers && JSON.stringify({ voteRecords: { ballotScanReaders: readers } }),
      ]);
    await setReaders(['housing_bureau', 'community']);
    try {
      expect((await open('majia-village')).content.status).toBe(200);
      expect((await open('luojiang-bureau')).content.status).toBe(200);
      await expectHidden('majia-clerk');
    } finally {
      await setReaders(null);
    }
    expect((await open('majia-clerk')).content.status).toBe(200);
  });

  it('lets the new owner vote after a transfer, unless the unit’s ballot was already cast', async () => {
    const vote = await openVote('vote-docs-transfer');
    const { voters, units, voteId } = vote;
    await recordProxyAndPaper(vote);
    const sold = units[2];
    const transfer = (unitId: string, idNumber: string) =>
      api.call('POST', `/units/${unitId}/transfer`, {
        token: clerk,
        body: { newOwners: [{ fullName: '新业主', idNumber }], certificateNo: `NEW-${idNumber.slice(-4)}` },
      });

    const moved = await transfer(sold.unitId, '350504199202020021');
    expect(moved).toMatchObject({
      status: 200,
      body: { votesFollowingNewOwner: [voteId], votesWhereCastBallotStands: [] },
    });
    const [newOwner] = await dataSource.query(`SELECT id FROM owners WHERE id_number = '350504199202020021'`);
    await dataSource.query(
      `INSERT INTO users (username, display_name, role, jurisdiction_code, owner_id, synthetic) VALUES ('vote-docs-buyer', '新业主', 'owner', '350504102201', $1, true)`,
      [newOwner.id],
    );

    const seller = voters.find((v) => v.certificateNo.endsWith('-CERT-3'))!;
    expect(
      await api.call('POST', `/votes/${voteId}/ballots`, {
        token: await api.token(seller.username),
        body: { choice: 'no', idNumber: seller.idNumber, certificateNo: seller.certificateNo },
      }),
    ).toMatchObject({
      // The seller's 不动产权证号 is no longer the unit's: the real-name check against the register fails.
      status: 403,
      body: { code: 'IDENTITY_NOT_VERIFIED' },
    });
    expect(
      await api.call('POST', `/votes/${voteId}/ballots`, {
        token: await api.token('vote-docs-buyer'),
        body: { choice: 'yes', idNumber: '350504199202020021', certificateNo: 'NEW-0021' },
      }),
    ).toMatchObject({
      status: 201,
    });

    // Unit 1 was voted by proxy: its ballot stands, and its buyer does not vote in this vote.
    const stands = await transfer(units[0].unitId, '350504199303030032');
    expect(stands).toMatchObject({
      status: 200,
      body: { votesFollowingNewOwner: [], votesWhereCastBallotStands: [voteId] },
    });
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM ballots WHERE vote_id = $1`, [voteId]);
    expect(n).toBe(3);
  });

  it('counts co-owners as one head (司法解释 art 9) when their ballots arrive in one batch, online or on paper', async () => {
    const vote = await openVote('vote-docs-heads');
    const { estateId, voters, voteId, documentsUrl } = vote;
    // Room 1's subject gets a second co-owner with a login; rooms 9 and 10 belong to one subject (the fixture's).
    await dataSource.query(
      `WITH subject AS (SELECT voting_subject_id AS id FROM units WHERE estate_id = $1 AND room_no = '1'),
            kind AS (UPDATE voting_subjects SET kind = 'co_owners' WHERE id = (SELECT id FROM subject)),
            owner AS (INSERT INTO owners (full_name, id_number, synthetic) VALUES ('合成共有人', '990000000000000992', true) RETURNING id),
            link AS (INSERT INTO voting_subject_owners (voting_subject_id, owner_id) SELECT subject.id, owner.id FROM subject, owner)
       INSERT INTO users (username, display_name, role, jurisdiction_code, owner_id, synthetic)
       SELECT 'vote-docs-heads-co-owner', '合成共有人', 'owner', '350504102201', id, true FROM owner`,
      [estateId],
    );
    const rooms: Array<{ unitId: string; roomNo: string }> = await dataSource.query(
      `SELECT id AS "unitId", room_no AS "roomNo" FROM units WHERE estate_id = $1 AND room_no IN ('9', '10') ORDER BY room_no::int`,
      [estateId],
    );
    // Voters come in room order, one per subject: the ninth holds rooms 9 and 10.
    const [first, ...others] = voters;
    const roomNineOwner = voters[8];
    const online = (username: string, idNumber: string, choice: string) =>
      api.call('POST', `/votes/${voteId}/ballots`, {
        token: username,
        body: { choice, idNumber, certificateNo: first.certificateNo },
      });

    // Both co-owners of room 1 press at the same moment: one ballot for their subject, the other refused.
    const coOwners = await Promise.all([
      online(await api.token(first.username), first.idNumber, 'no'),
      online(await api.token('vote-docs-heads-co-owner'), '990000000000000992', 'no'),
    ]);
    expect(coOwners.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(coOwners.find((r) => r.status === 409)!.body).toMatchObject({ code: 'ALREADY_VOTED' });

    // Paper ballots for rooms 9 and 10, recorded at once: their one owner is one head.
    const scans = await Promise.all(
      rooms.map((room) =>
        upload(
          documentsUrl,
          clerk,
          { content: SAMPLE_FILES.png(), name: `表决票-${room.roomNo}.png` },
          { kind: 'paper_ballot', unitId: room.unitId },
        ),
      ),
    );
    const paper = await Promise.all(
      rooms.map((room, i) =>
        record(vote, { channel: 'paper', unitId: room.unitId, documentId: scans[i].body.id, choice: 'yes' }),
      ),
    );
    expect(paper.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(paper.find((r) => r.status === 409)!.body).toMatchObject({
      code: 'ALREADY_VOTED',
      message: '该房屋所属的表决主体已投票，选票一经提交不能更改',
    });

    // Everyone else votes online (room 9's owner already has, on paper), then the organiser closes early.
    for (const voter of others.filter((v) => v !== roomNineOwner)) {
      const cast = await api.call('POST', `/votes/${voteId}/ballots`, {
        token: await api.token(voter.username),
        body: { choice: 'yes', idNumber: voter.idNumber, certificateNo: voter.certificateNo },
      });
      expect(cast.status).toBe(201);
    }
    expect(await api.call('POST', `/votes/${voteId}/close`, { token: clerk })).toMatchObject({ status: 200 });
    // 18 subjects over 20 rooms (1412.10 m²); room 1 (61.01 m²) said no, rooms 9 and 10 count once as heads.
    const result = await eventually(
      async () => (await api.call('GET', `/votes/${voteId}`, { token: clerk })).body.result ?? undefined,
    );
    expect(result).toMatchObject({
      totalHeads: 18,
      participatingHeads: 18,
      yesHeads: 17,
      totalArea: '1412.10',
      participatingArea: '1412.10',
      yesArea: '1351.09',
      passed: true,
    });
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM ballots WHERE vote_id = $1`, [voteId]);
    expect(n).toBe(18);
  });
});
