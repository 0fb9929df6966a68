/*
 * The pages' scripts, served from /assets (the CSP allows no inline script). Each page works
 * without them; they only add the copy and print buttons and the camera scanner.
 */

/** Copy-link and print buttons on the learner's page (hidden until this script shows them). */
export const PAGE_JS = `(function(){
var q=function(s){return Array.prototype.slice.call(document.querySelectorAll(s))};
q('[data-copy]').forEach(function(b){b.hidden=false;b.addEventListener('click',function(){
var text=b.getAttribute('data-copy'),label=b.textContent;
var done=function(){b.textContent=b.getAttribute('data-copied');setTimeout(function(){b.textContent=label},2000)};
var fallback=function(){var i=document.getElementById('share-url');if(i){i.select();try{document.execCommand('copy');done()}catch(e){}}};
if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(text).then(done,fallback)}else{fallback()}})});
q('[data-print]').forEach(function(b){b.hidden=false;b.addEventListener('click',function(){window.print()})});
})();`;

/**
 * The QR scanner of /verify: the browser's BarcodeDetector where it exists, else jsQR (loaded
 * only when needed), on camera frames or on an uploaded photo. A decoded QR fills the form's
 * text field and submits it, so the server renders the verdict as for a paste.
 */
export const VERIFY_JS = `(function(){
var box=document.getElementById('scan');if(!box)return;
var form=document.getElementById('verify-form'),text=document.getElementById('text');
var start=document.getElementById('scan-start'),stop=document.getElementById('scan-stop'),video=document.getElementById('scan-video');
var msg=document.getElementById('scan-msg'),img=document.getElementById('qr-image');
var say=function(k){msg.textContent=box.getAttribute(k)};
box.hidden=false;
var detector=null;
if('BarcodeDetector' in window){try{detector=new window.BarcodeDetector({formats:['qr_code']})}catch(e){detector=null}}
var loading=null;
var loadJsQR=function(){if(window.jsQR)return Promise.resolve(window.jsQR);
if(!loading)loading=new Promise(function(ok,fail){var s=document.createElement('script');s.src=box.getAttribute('data-jsqr');s.onload=function(){ok(window.jsQR)};s.onerror=fail;document.head.appendChild(s)});return loading};
var canvas=document.createElement('canvas'),ctx=canvas.getContext('2d',{willReadFrequently:true});
var withJsQR=function(src,w,h){return loadJsQR().then(function(jsQR){canvas.width=w;canvas.height=h;ctx.drawImage(src,0,0,w,h);
var r=jsQR(ctx.getImageData(0,0,w,h).data,w,h,{inversionAttempts:'attemptBoth'});return r?r.data:null})};
var decode=function(src,w,h){if(!detector)return withJsQR(src,w,h);
return detector.detect(src).then(function(c){return c.length?c[0].rawValue:withJsQR(src,w,h)},function(){return withJsQR(src,w,h)})};
var stream=null,timer=null;
var stopCam=function(){if(timer)clearTimeout(timer);timer=null;if(stream){stream.getTracks().forEach(function(t){t.stop()});stream=null}
video.hidden=true;stop.hidden=true;start.hidden=false};
var found=function(v){stopCam();text.value=v;form.submit()};
var tick=function(){if(!stream)return;if(video.readyState<2||!video.videoWidth){timer=setTimeout(tick,250);return}
var s=Math.min(1,960/Math.max(video.videoWidth,video.videoHeight));
decode(video,Math.round(video.videoWidth*s),Math.round(video.videoHeight*s)).then(function(v){if(v)found(v);else timer=setTimeout(tick,250)},function(){timer=setTimeout(tick,500)})};
if(!navigator.mediaDevices||!navigator.mediaDevices.getUserMedia){start.hidden=true;say('data-unsupported')}
start.addEventListener('click',function(){navigator.mediaDevices.getUserMedia({video:{facingMode:'environment'},audio:false}).then(function(s){
stream=s;video.srcObject=s;video.hidden=false;video.play();start.hidden=true;stop.hidden=false;say('data-hint');tick()},function(){say('data-unsupported')})});
stop.addEventListener('click',stopCam);
img.addEventListener('change',function(){var f=img.files&&img.files[0];if(!f)return;var url=URL.createObjectURL(f),im=new Image();
im.onload=function(){var s=Math.min(1,1600/Math.max(im.naturalWidth,im.naturalHeight));
decode(im,Math.round(im.naturalWidth*s),Math.round(im.naturalHeight*s)).then(function(v){URL.revokeObjectURL(url);if(v)found(v);else say('data-notfound')},function(){say('data-notfound')})};
im.onerror=function(){say('data-notfound')};im.src=url});
})();`;

/**
 * On the verify pages: installs the offline verifier's service worker (which saves the pages,
 * the registry and the status lists), remembers the page's language for offline use, and on
 * a link with an offline payload (#SC1…) loads the offline verifier to compare it with the
 * stored credential. `bundle` is the verifier's file name under /assets.
 */
export const offlineBootJs = (bundle: string): string => `(function(){
var me=document.currentScript;if(!me)return;var src=me.src,root=src.slice(0,src.lastIndexOf('/assets/'));
try{localStorage.setItem('sc_lang',document.documentElement.lang)}catch(e){}
if('serviceWorker' in navigator){navigator.serviceWorker.register(root+'/sw.js',{scope:root+'/'}).catch(function(){})}
if(/#SC1[0-9]*$/.test(location.href)){var s=document.createElement('script');s.src=root+'/assets/${bundle}';document.head.appendChild(s)}
})();`;

/**
 * Starts the interactive API reference (/docs) from Scalar's standalone bundle, served by this
 * service: no web fonts, telemetry, proxy or hosted services, so the page works offline and
 * under a CSP that allows this origin only.
 */
export const DOCS_JS = `(function(){
// Not #api-reference: the bundle starts a second reference of its own, with its defaults, on that id.
var el=document.getElementById('skillcert-docs');
window.Scalar.createApiReference(el,{url:el.getAttribute('data-url'),withDefaultFonts:false,telemetry:false,
hideClientButton:true,showDeveloperTools:'never',documentDownloadType:'json',agent:{disabled:true}});
})();`;
