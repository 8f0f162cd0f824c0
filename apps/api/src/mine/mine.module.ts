import { Module } from '@nestjs/common';
import { MineController } from './mine.controller';
import { MineService } from './mine.service';

@Module({ controllers: [MineController], providers: [MineService] })
export class MineModule {}
