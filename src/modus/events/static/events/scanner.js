// The badge scanner of events/_scanner.html: reads QR codes from the camera and submits the
// enclosing form with the code. BarcodeDetector where the browser has one that reads QR
// codes, the vendored jsQR elsewhere (desktop Chromium on Linux, Firefox, Safari < 17).
(function () {
  "use strict";

  const REPEAT_MS = 8000; // the same code again within this is the same badge still in view
  const ON_KEY = "modus-scanner-on:" + location.pathname;
  const LAST_KEY = "modus-scanner-last";

  function loadJsQR(src) {
    if (window.jsQR) {
      return Promise.resolve(window.jsQR);
    }
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(window.jsQR);
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  async function makeDecoder(scanner) {
    if ("BarcodeDetector" in window) {
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes("qr_code")) {
          const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          return async (video) => {
            const found = await detector.detect(video);
            return found.length ? found[0].rawValue : null;
          };
        }
      } catch (error) {
        // Fall through to jsQR.
      }
    }
    const jsQR = await loadJsQR(scanner.dataset.jsqr);
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    return async (video) => {
      const width = video.videoWidth;
      const height = video.videoHeight;
      if (!width || !height) {
        return null;
      }
      canvas.width = width;
      canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      const image = context.getImageData(0, 0, width, height);
      const found = jsQR(image.data, width, height, { inversionAttempts: "dontInvert" });
      return found ? found.data : null;
    };
  }

  function recentlySent(code) {
    try {
      const last = JSON.parse(sessionStorage.getItem(LAST_KEY) || "null");
      return last && last.code === code && Date.now() - last.at < REPEAT_MS;
    } catch (error) {
      return false;
    }
  }

  function setUp(scanner) {
    const form = scanner.closest("form");
    const input = form && form.querySelector("input[name=code]");
    const video = scanner.querySelector("[data-scanner-video]");
    const start = scanner.querySelector("[data-scanner-start]");
    const stop = scanner.querySelector("[data-scanner-stop]");
    const status = scanner.querySelector("[data-scanner-status]");
    if (!input || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      start.hidden = true;
      return;
    }
    let stream = null;
    let running = false;

    function halt() {
      running = false;
      if (stream) {
        stream.getTracks().forEach((track) => track.stop());
      }
      stream = null;
      video.hidden = true;
      stop.hidden = true;
      start.hidden = false;
    }

    async function run() {
      let decode;
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: "environment" },
          audio: false,
        });
        decode = await makeDecoder(scanner);
      } catch (error) {
        halt();
        sessionStorage.removeItem(ON_KEY);
        status.textContent = scanner.dataset.noCamera;
        return;
      }
      sessionStorage.setItem(ON_KEY, "1");
      video.srcObject = stream;
      video.hidden = false;
      start.hidden = true;
      stop.hidden = false;
      status.textContent = "";
      await video.play();
      running = true;
      const tick = async () => {
        if (!running) {
          return;
        }
        let code = null;
        try {
          code = await decode(video);
        } catch (error) {
          code = null;
        }
        if (code && !recentlySent(code)) {
          sessionStorage.setItem(LAST_KEY, JSON.stringify({ code: code, at: Date.now() }));
          input.value = code;
          form.requestSubmit();
          if (form.hasAttribute("hx-post")) {
            setTimeout(tick, 150); // htmx keeps the page: go on scanning
          } else {
            halt(); // the page reloads, and the camera starts again there
            sessionStorage.setItem(ON_KEY, "1");
          }
          return;
        }
        setTimeout(tick, 150);
      };
      tick();
    }

    start.addEventListener("click", run);
    stop.addEventListener("click", () => {
      sessionStorage.removeItem(ON_KEY);
      halt();
    });
    if (sessionStorage.getItem(ON_KEY)) {
      run();
    }
  }

  function setUpAll() {
    document.querySelectorAll("[data-scanner]:not([data-scanner-ready])").forEach((scanner) => {
      scanner.setAttribute("data-scanner-ready", "");
      setUp(scanner);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
  document.addEventListener("htmx:afterSettle", setUpAll);
})();
