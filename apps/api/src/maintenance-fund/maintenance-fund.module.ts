import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { MaintenanceFundController } from './maintenance-fund.controller';
import { MaintenanceFundService } from './maintenance-fund.service';

@Module({
  imports: [RegistryModule],
  controllers: [MaintenanceFundController],
  providers: [MaintenanceFundService],
})
export class MaintenanceFundModule {}
