/** The built-in consent page, shown when no `consentPage` is configured. */
const escapeHTML = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function consentHTML(input: { clientName: string; scopes: string[]; code: string; baseURL: string }) {
	const scopes = input.scopes.map((scope) => `<li>${escapeHTML(scope)}</li>`).join("");
	const endpoint = JSON.stringify(`${input.baseURL}/oauth2/consent`);
	const code = JSON.stringify(input.code);
	return `<!doctype html><html><head><meta charset="utf-8"><title>Authorize ${escapeHTML(input.clientName)}</title></head>
<body><h1>${escapeHTML(input.clientName || "An application")} wants to access your account</h1><ul>${scopes}</ul>
<button id="deny">Deny</button> <button id="allow">Allow</button>
<script>
async function answer(accept){const r=await fetch(${endpoint.replace(/</g, "\\u003c")},{method:"POST",credentials:"include",headers:{"content-type":"application/json"},body:JSON.stringify({accept,consent_code:${code.replace(/</g, "\\u003c")}})});const j=await r.json();if(j.redirectURI)location.href=j.redirectURI;}
document.getElementById("allow").onclick=()=>answer(true);document.getElementById("deny").onclick=()=>answer(false);
</script></body></html>`;
}
