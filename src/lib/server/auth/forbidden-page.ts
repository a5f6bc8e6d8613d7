import { CSRF_FIELD } from '../../auth/csrf.ts';

const TEXT = {
	ru: {
		title: 'Нет доступа',
		lead: 'Ваша роль не даёт доступа к этой странице.',
		hint: 'Если он нужен для работы, попросите администратора изменить вашу роль.',
		home: 'На главную',
		switchUser: 'Войти под другим пользователем'
	},
	en: {
		title: 'Access denied',
		lead: 'Your role does not give access to this page.',
		hint: 'If you need it for your work, ask an administrator to change your role.',
		home: 'Home',
		switchUser: 'Sign in as another user'
	}
} as const;

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The 403 page for a signed-in user whose role may not open a page (no app shell: nothing leaks). */
export function forbiddenPage(locale: 'ru' | 'en', username: string, csrf: string | null): Response {
	const t = TEXT[locale];
	const logout = csrf
		? `<form method="post" action="/logout"><input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(csrf)}"><button>${t.switchUser}</button></form>`
		: '';
	const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>403 · ${t.title} · oborot</title>
<style>
body{margin:0;min-height:100vh;display:grid;place-items:center;background:#f4f5f7;color:#1f2933;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{background:#fff;border:1px solid #e1e4e8;border-radius:10px;padding:32px 36px;max-width:420px;box-shadow:0 2px 8px rgba(0,0,0,.04)}
.code{color:#9aa5b1;font-size:13px;letter-spacing:.08em}h1{margin:4px 0 12px;font-size:22px}p{margin:0 0 10px;color:#52606d}
.actions{display:flex;gap:12px;align-items:center;margin-top:20px}a,button{font:inherit;color:#1d4ed8;background:none;border:0;padding:0;cursor:pointer;text-decoration:underline}
form{margin:0}.user{font-size:13px;color:#7b8794}
</style></head>
<body><main><div class="code">403</div><h1>${t.title}</h1><p>${t.lead}</p><p>${t.hint}</p>
<p class="user">${escapeHtml(username)}</p>
<div class="actions"><a href="/">${t.home}</a>${logout}</div></main></body></html>`;
	return new Response(html, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}
