import { Typography } from 'antd';
import type { Schemas } from '../api/client';
import { meets, thresholdShare, thresholdText, type Threshold } from '../format/votes';

export interface TurnoutFigures {
  totalArea: string;
  totalHeads: number;
  participatingArea: string;
  participatingHeads: number;
  /** Known once counted; while voting is open the API gives turnout only. */
  yesArea?: string;
  yesHeads?: number;
}

// Bar colours against white: #1677ff 4.1:1, #389e0d 3.6:1 (≥ 3:1 for graphics, WCAG 1.4.11); the line #262626.
const BAR = '#1677ff';
const MET = '#389e0d';

function Bar({
  label,
  part,
  whole,
  threshold,
  unit,
}: {
  label: string;
  part: number;
  whole: number;
  threshold: Threshold;
  unit: string;
}) {
  const share = whole > 0 ? Math.min(1, part / whole) : 0;
  const line = thresholdShare(threshold);
  const ok = meets(part, whole, threshold);
  const text = `${label}：${part.toLocaleString('zh-CN')} / ${whole.toLocaleString('zh-CN')} ${unit}（${(share * 100).toFixed(1)}%），须${thresholdText(threshold)}，${ok ? '已达到' : '未达到'}`;
  return (
    <div style={{ marginBottom: 14 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text strong>{label}</Typography.Text>
        <Typography.Text>
          {part.toLocaleString('zh-CN')} / {whole.toLocaleString('zh-CN')} {unit}（{(share * 100).toFixed(1)}%）
          {ok ? '，已达到' : '，未达到'}
          {thresholdText(threshold)}
        </Typography.Text>
      </div>
      <svg role="img" aria-label={text} viewBox="0 0 1000 36" width="100%" height="36" preserveAspectRatio="none">
        <rect x="0" y="8" width="1000" height="20" fill="#f0f0f0" rx="3" />
        <rect x="0" y="8" width={share * 1000} height="20" fill={ok ? MET : BAR} rx="3" />
        <line x1={line * 1000} x2={line * 1000} y1="0" y2="36" stroke="#262626" strokeWidth="4" />
      </svg>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        竖线：{thresholdText(threshold)}（{(line * 100).toFixed(1)}%）
      </Typography.Text>
    </div>
  );
}

/**
 * Turnout against the law's lines: participating area and heads against the participation threshold of the
 * matter, and — once counted — yes area and heads against its approval threshold (of the participants, or of
 * all in scope). The thresholds come from
 * the API (the vote's `rule`), never from here.
 */
export function TurnoutChart({ figures, rule }: { figures: TurnoutFigures; rule: Schemas['DecisionRuleResponse'] }) {
  const f = figures;
  const participatingArea = Number(f.participatingArea);
  // 165号令 art 22 counts the yes of everyone in scope, 民法典 art 278 of the participants.
  const ofAll = rule.approvalOf === 'all';
  const base = ofAll ? '表决范围内全体' : '参与';
  return (
    <div>
      <Bar
        label="参与表决的专有部分面积"
        part={participatingArea}
        whole={Number(f.totalArea)}
        threshold={rule.participation}
        unit="㎡"
      />
      <Bar
        label="参与表决的人数"
        part={f.participatingHeads}
        whole={f.totalHeads}
        threshold={rule.participation}
        unit="人"
      />
      {f.yesArea !== undefined && f.yesHeads !== undefined ? (
        <>
          <Bar
            label={`同意的专有部分面积（占${base}面积）`}
            part={Number(f.yesArea)}
            whole={ofAll ? Number(f.totalArea) : participatingArea}
            threshold={rule.approval}
            unit="㎡"
          />
          <Bar
            label={`同意的人数（占${base}人数）`}
            part={f.yesHeads}
            whole={ofAll ? f.totalHeads : f.participatingHeads}
            threshold={rule.approval}
            unit="人"
          />
        </>
      ) : (
        <Typography.Paragraph type="secondary">
          同意票须{thresholdText(rule.approval)}（占{ofAll ? '表决范围内全体业主' : '参与表决'}
          的面积和人数）；投票期间不公布同意票数，计票后显示。
        </Typography.Paragraph>
      )}
    </div>
  );
}
