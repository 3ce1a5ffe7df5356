import { ConfigError, parseConfig } from './config/config.js';
import { createApp } from './app.js';
async function main() {
    let config;
    try {
        config = parseConfig(process.env);
    }
    catch (error) {
        if (error instanceof ConfigError) {
            process.stderr.write(`${error.message}\n`);
            process.exit(2);
        }
        throw error;
    }
    const app = await createApp(config);
    await app.listen(config.port, config.host);
    process.stdout.write(JSON.stringify({ level: 'info', msg: 'Xueji listening', url: config.publicUrl, docs: `${config.publicUrl}/docs` }) + '\n');
}
main().catch((error) => {
    process.stderr.write(`Xueji failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
//# sourceMappingURL=main.js.map