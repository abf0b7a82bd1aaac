import { createApp, watchEffect } from 'vue'
import 'element-plus/dist/index.css'
import './style.css'
import { api } from '@/api'
import { i18n, locale } from '@/i18n'
import { forgetMe } from '@/session/session'
import { notifyError } from '@/shell/notify'
import { trackActivity } from '@/shell/progress'
import { router, signInRoute } from '@/shell/router'
import App from './App.vue'

api.onActivity(trackActivity)
api.onSessionExpired(() => {
  forgetMe()
  const current = router.currentRoute.value
  // During the first navigation the router guard sends the user to sign in itself.
  if (current.matched.length > 0 && !current.meta.public) {
    void router.push(signInRoute(current.fullPath, 'expired'))
  }
})

// The tab's title names the page, in the current language.
watchEffect(() => {
  const page = router.currentRoute.value.meta.page
  const app = i18n.global.t('app.name')
  document.title = page ? `${i18n.global.t(`menu.${page.key}`)} · ${app}` : app
  document.documentElement.lang = locale.value
})

const app = createApp(App)
// Never a blank page: whatever escapes a component is shown as a readable message.
app.config.errorHandler = (error) => notifyError(error)
window.addEventListener('unhandledrejection', (event) => notifyError(event.reason))
router.onError((error) => notifyError(error))

app.use(i18n).use(router).mount('#app')
