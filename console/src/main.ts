import { createApp } from 'vue';
import 'element-plus/es/components/message/style/css';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import './styles.css';

createApp(App).use(i18n).use(router).mount('#app');
