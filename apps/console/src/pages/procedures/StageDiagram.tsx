import { Steps } from 'antd';
import type { Schemas } from '../../api/client';

type Stage = Schemas['DiagramStageResponse'];

const STATUS = { done: 'finish', current: 'process', todo: 'wait' } as const;

/** The case's stages as its workflow declares them (from the API): done, current, to come. */
export function StageDiagram({ stages, failed }: { stages: Stage[]; failed: boolean }) {
  const shown = stages.filter((s) => s.state !== 'skipped');
  return (
    <nav aria-label="阶段图">
      <Steps
        size="small"
        responsive
        items={shown.map((s) => ({
          title: s.label,
          status: failed && s.state === 'current' ? 'error' : STATUS[s.state as keyof typeof STATUS],
          content: s.state === 'current' ? '当前' : s.state === 'done' ? '已完成' : '待进行',
        }))}
      />
    </nav>
  );
}
