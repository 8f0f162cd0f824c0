import { ApiProperty } from '@nestjs/swagger';

export class NotificationResponse {
  @ApiProperty({ example: '1024', description: '消息编号（按时间递增）' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, nullable: true, description: '所属程序' }) workflowId!: string | null;
  @ApiProperty({
    enum: ['pending', 'delivered', 'dead'],
    description: 'pending 待送达；delivered 已送达；dead 多次送达失败，待管理员处理',
  })
  status!: 'pending' | 'delivered' | 'dead';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
}
