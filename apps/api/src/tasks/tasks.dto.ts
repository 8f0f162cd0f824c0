import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class TaskListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'completed', 'withdrawn'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'completed', 'withdrawn'])
  status: 'open' | 'completed' | 'withdrawn' = 'open';
}

export class OverdueQuery extends PageQuery {
  @ApiPropertyOptional({ description: '辖区代码（含下级）' })
  @IsOptional()
  @Matches(/^\d{2,12}$/)
  jurisdictionCode?: string;
}

export class CompleteTaskRequest {
  @ApiProperty({
    description:
      '办理内容，即该步骤所需的字段（如摸底表 { survey }，定级 { estateClass, reason }）；由流程校验，不合格返回 409/422 且待办保持未办结',
    example: { estateClass: 'demonstration', reason: '物业服务规范，经验可推广' },
  })
  @IsObject()
  payload!: Record<string, unknown>;
}

export class ReassignTaskRequest {
  @ApiProperty({ description: '改派给同一单位、同一角色的另一名经办人（用户 id）' })
  @IsUUID()
  userId!: string;
}
