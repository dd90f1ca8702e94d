import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_CONFIG, buildAppConfig, EnvironmentVariables, SETTING_NAMES, validateEnvironment } from './app-config';

const appConfigProvider: Provider = {
  provide: APP_CONFIG,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => {
    const env = new EnvironmentVariables();
    for (const key of SETTING_NAMES) {
      const value = config.get(key);
      if (value !== undefined) Object.assign(env, { [key]: value });
    }
    return buildAppConfig(env);
  },
};

/** Typed settings (APP_CONFIG), validated by @nestjs/config when the module is registered. */
@Global()
@Module({})
export class AppConfigModule {
  static register(): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ validate: validateEnvironment, cache: true })],
      providers: [appConfigProvider],
      exports: [APP_CONFIG],
    };
  }
}
