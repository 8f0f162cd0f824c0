import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inAppNotifications } from '../../../../libs/persistence/src/notifications';
import type { Principal } from '../auth/principal';

/** The in-app channel of the outbox: the rows themselves, as their recipients read them. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  mine(principal: Principal, page: number, pageSize: number): Promise<unknown[]> {
    return inAppNotifications(this.dataSource, principal, page, pageSize);
  }
}
