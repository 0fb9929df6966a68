/*
 * The verify pages' service worker, as text (served at PUBLIC_URL/sw.js, scope PUBLIC_URL/).
 * Once a verify page was opened online it keeps: the offline shell page, the stylesheet, the
 * offline verifier, the Khmer font, the manifest, and the offline kit (the signed registry and
 * status lists, refreshed whenever a verify page is opened online, at most every 5 minutes).
 * With no network (or none within 4 s), /v/:id and /verify open the shell, whose script
 * verifies the credential in the link's fragment against the kit. The worker serves the shell
 * with the saved kit in it (a JSON data block, id="offline-kit", its "<" escaped so nothing in
 * it can close the element): the page has it as it parses, instead of asking Cache Storage
 * for it once its script runs (one more round trip, queued behind the page's first layout).
 */
export const KIT_ELEMENT_ID = 'offline-kit';

export interface ServiceWorkerSettings {
  /** The app's path prefix ('' or '/something'). */
  base: string;
  /** Paths under base to keep (the shell and the assets it loads). */
  precache: string[];
  /** Changes whenever an asset does, so a new worker replaces the old cache. */
  version: string;
}

export function serviceWorkerJs({ base, precache, version }: ServiceWorkerSettings): string {
  const settings = JSON.stringify({ base, precache: precache.map((p) => base + p), cache: `skillcert-offline-${version}` });
  return `'use strict';
var S=${settings};
var SHELL=S.base+'/offline',KIT=S.base+'/offline/kit.json',FRESH_MS=300000,WAIT_MS=4000;
function shellWithKit(){return caches.open(S.cache).then(function(c){return Promise.all([c.match(SHELL),c.match(KIT)])}).then(function(hit){
var shell=hit[0],kit=hit[1];if(!shell)return Response.error();if(!kit)return shell;
return Promise.all([shell.text(),kit.text()]).then(function(t){var at=t[0].indexOf('</head>'),h=new Headers(shell.headers);h.delete('content-length');
var html=at<0?t[0]:t[0].slice(0,at)+'<script type="application/json" id="${KIT_ELEMENT_ID}">'+t[1].replace(/</g,'\\\\u003c')+'</script>'+t[0].slice(at);
return new Response(html,{status:shell.status,statusText:shell.statusText,headers:h})})})}
function refreshKit(force){return caches.open(S.cache).then(function(c){return c.match(KIT).then(function(old){
var at=old&&Date.parse(old.headers.get('date')||'');
if(!force&&at&&Date.now()-at<FRESH_MS)return null;
return fetch(KIT,{cache:'no-store'}).then(function(r){return r.ok?c.put(KIT,r):null})})}).catch(function(){return null})}
self.addEventListener('install',function(e){e.waitUntil(caches.open(S.cache).then(function(c){return c.addAll(S.precache)})
.then(function(){return refreshKit(true)}).then(function(){return self.skipWaiting()}))});
self.addEventListener('activate',function(e){e.waitUntil(caches.keys().then(function(keys){return Promise.all(keys.filter(function(k){
return k.indexOf('skillcert-offline-')===0&&k!==S.cache}).map(function(k){return caches.delete(k)}))}).then(function(){return self.clients.claim()}))});
function timeout(p,ms){return new Promise(function(ok,fail){var t=setTimeout(function(){fail(new Error('timeout'))},ms);
p.then(function(v){clearTimeout(t);ok(v)},function(err){clearTimeout(t);fail(err)})})}
self.addEventListener('fetch',function(e){var r=e.request;if(r.method!=='GET')return;var u=new URL(r.url);if(u.origin!==location.origin)return;var p=u.pathname;
if(r.mode==='navigate'&&(p.indexOf(S.base+'/v/')===0||p===S.base+'/verify')){
e.respondWith(timeout(fetch(r),WAIT_MS).then(function(res){e.waitUntil(refreshKit(false));return res},function(){
return shellWithKit().catch(function(){return caches.match(SHELL,{cacheName:S.cache}).then(function(hit){return hit||Response.error()})})}));return}
if(p===KIT){e.respondWith(fetch(r).then(function(res){if(res.ok){var copy=res.clone();e.waitUntil(caches.open(S.cache).then(function(c){return c.put(KIT,copy)}))}return res},
function(){return caches.match(KIT,{cacheName:S.cache}).then(function(hit){return hit||Response.error()})}));return}
if(S.precache.indexOf(p)>=0){e.respondWith(caches.match(p,{cacheName:S.cache}).then(function(hit){return hit||fetch(r)}))}});
`;
}
