// Check-in by the phone's camera: reads the QR code on a badge with the browser's
// BarcodeDetector, puts what it reads into the code field and sends the form, exactly as a
// USB or Bluetooth scanner typing into the field would. Without BarcodeDetector (or a
// camera) the buttons stay hidden and the page works as before: typed codes, name search.

const form = document.getElementById("scan-start")?.closest("form");
const field = form?.querySelector("input[name=code]");
const start = document.getElementById("scan-start");
const stop = document.getElementById("scan-stop");
const view = document.getElementById("scan-view");
const video = document.getElementById("scan-video");
const status = document.getElementById("scan-status");

let stream = null;
let timer = null;

function stopCamera() {
  clearTimeout(timer);
  stream?.getTracks().forEach((track) => track.stop());
  stream = null;
  view.hidden = true;
  stop.hidden = true;
  start.hidden = false;
}

async function startCamera(detector) {
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: "environment" },
      audio: false,
    });
  } catch {
    status.textContent = status.dataset.cameraRefused;
    view.hidden = false;
    return;
  }
  video.srcObject = stream;
  await video.play();
  view.hidden = false;
  start.hidden = true;
  stop.hidden = false;
  const look = async () => {
    try {
      const codes = await detector.detect(video);
      const text = codes.find((code) => code.rawValue)?.rawValue;
      if (text) {
        field.value = text.trim();
        stopCamera();
        form.requestSubmit();
        return;
      }
    } catch {
      // a frame that is not ready yet: try the next one
    }
    timer = setTimeout(look, 250);
  };
  look();
}

async function enable() {
  if (!form || !field || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    if (!formats.includes("qr_code")) return;
  } catch {
    return;
  }
  const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  start.hidden = false;
  start.addEventListener("click", () => startCamera(detector));
  stop.addEventListener("click", stopCamera);
  window.addEventListener("pagehide", stopCamera);
}

enable();
