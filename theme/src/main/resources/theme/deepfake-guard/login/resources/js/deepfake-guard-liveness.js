/*
 * Deepfake Guard – liveness page script.
 * Contract with the server: docs/liveness-page-protocol.md.
 * No libraries, no network requests of its own, no eval, no inline handlers.
 */
(function () {
  "use strict";

  var JPEG_PREFIX = "data:image/jpeg;base64,";
  var CAPTURE_BEFORE_STEP_END_MS = 120;
  var MIN_STEP_MS = 334; // never more than three colour changes per second (WCAG 2.3.1); the server sends 500
  var CAMERA_SETTLE_MS = 500; // lets exposure adapt before the first colour
  var QUALITIES = [0.8, 0.65, 0.5, 0.35, 0.2];

  var root = document.getElementById("dfg-root");
  if (!root) {
    return;
  }

  var el = {
    form: document.getElementById("dfg-form"),
    action: document.getElementById("dfg-action"),
    consent: document.getElementById("dfg-consent"),
    start: document.getElementById("dfg-start"),
    noCamera: document.getElementById("dfg-no-camera"),
    cancel: document.getElementById("dfg-cancel"),
    video: document.getElementById("dfg-video"),
    overlay: document.getElementById("dfg-overlay"),
    capture: document.getElementById("dfg-capture"),
    progress: document.getElementById("dfg-progress"),
    countdown: document.getElementById("dfg-countdown"),
    status: document.getElementById("dfg-status"),
    error: document.getElementById("dfg-error"),
    frames: document.getElementById("dfg-frames"),
    frameTimes: document.getElementById("dfg-frame-times"),
    deviceLabel: document.getElementById("dfg-device-label"),
    prompt: document.getElementById("dfg-prompt"),
    promptText: document.getElementById("dfg-prompt-text"),
    promptArrow: document.getElementById("dfg-prompt-arrow")
  };
  var texts = document.getElementById("dfg-messages").dataset;

  var config = readConfig(root.dataset);
  var run = null; // state of the check in progress, null when idle

  el.progress.max = config.colours.length;
  el.start.addEventListener("click", onStart);
  el.cancel.addEventListener("click", function () { cancel(texts.cancelled); });
  el.consent.addEventListener("change", function () {
    if (run && !el.consent.checked) {
      cancel(texts.consentRequired);
    }
  });
  document.addEventListener("keydown", onKeyDown);
  document.addEventListener("visibilitychange", function () {
    if (document.hidden && run) {
      cancel(texts.interrupted);
    }
  });

  function readConfig(data) {
    var colours = parseList(data.colours).filter(isHexColour);
    var poses = parseList(data.poses).filter(isPose);
    if (poses.length !== colours.length) {
      // A page without the head-turn script can only take the alternative path.
      colours = [];
      poses = [];
    }
    return {
      colours: colours,
      poses: poses,
      stepMs: Math.max(MIN_STEP_MS, parseInt(data.stepMs, 10) || MIN_STEP_MS),
      // The server's frame size: it accepts frames of exactly this size and nothing else.
      frameWidth: parseInt(data.frameWidth, 10) || 320,
      frameHeight: parseInt(data.frameHeight, 10) || 240,
      maxFrameBytes: parseInt(data.maxFrameBytes, 10) || 0
    };
  }

  function parseList(json) {
    try {
      var list = JSON.parse(json || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function isPose(value) {
    return value === "front" || value === "left" || value === "right";
  }

  function isHexColour(value) {
    return typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value);
  }

  function format(template, values) {
    return String(template).replace(/\{(\d+)\}/g, function (match, index) {
      return index < values.length ? String(values[index]) : match;
    });
  }

  // ---- user interface -------------------------------------------------------------------

  function announce(text) {
    el.status.textContent = text;
  }

  function showError(text, focusTarget) {
    el.error.textContent = text;
    el.error.classList.add("dfg-error--visible");
    if (focusTarget) {
      focusTarget.focus();
    }
  }

  function clearError() {
    el.error.textContent = "";
    el.error.classList.remove("dfg-error--visible");
  }

  function setBusy(busy) {
    el.start.disabled = busy;
    el.noCamera.disabled = busy;
    el.cancel.hidden = !busy;
    root.classList.toggle("dfg-running", busy);
    el.start.setAttribute("aria-busy", busy ? "true" : "false");
  }

  function showOverlay(visible) {
    el.overlay.hidden = !visible;
    root.classList.toggle("dfg-capturing", visible);
    if (!visible) {
      el.overlay.style.backgroundColor = "";
    }
  }

  function showProgress(stepIndex, elapsedMs) {
    var total = config.colours.length;
    var step = Math.min(stepIndex + 1, total);
    var text = format(texts.stepProgress, [step, total]);
    el.progress.value = step;
    el.progress.setAttribute("aria-label", text);
    var left = Math.max(0, Math.ceil((total * config.stepMs - elapsedMs) / 1000));
    el.countdown.textContent = format(texts.secondsLeft, [left]);
    if (stepIndex === 0) {
      // One announcement for the script; the turn prompts have their own, assertive, live region.
      announce(text + " – " + texts.keepLooking);
    } else if (stepIndex === 1) {
      announce(""); // the progress bar shows the step from here on; a stale "step 1" would mislead
    }
  }

  function resetProgress() {
    el.progress.value = 0;
    el.progress.removeAttribute("aria-label");
    el.countdown.textContent = "";
    showPrompt(null, null);
  }

  /*
   * Head-turn prompt: text (announced at once by the assertive live region) and an arrow. Left and
   * right are the person's own; the preview is mirrored, so their head moves the way the arrow points.
   */
  function showPrompt(pose, previous) {
    var text = "";
    if (pose === "left") {
      text = texts.turnLeft;
    } else if (pose === "right") {
      text = texts.turnRight;
    } else if (pose === "front" && (previous === "left" || previous === "right")) {
      text = texts.lookBack;
    }
    el.promptText.textContent = text;
    // An SVG element has no "hidden" property: the attribute itself must be toggled.
    el.promptArrow.toggleAttribute("hidden", pose !== "left" && pose !== "right");
    el.promptArrow.classList.toggle("dfg-prompt-arrow--right", pose === "right");
    el.prompt.classList.toggle("dfg-prompt--turn", pose === "left" || pose === "right");
  }

  // ---- flow -----------------------------------------------------------------------------

  function onKeyDown(event) {
    if ((event.key === "Escape" || event.key === "Esc") && run) {
      event.preventDefault();
      cancel(texts.cancelled);
    }
  }

  function onStart() {
    if (run) {
      return;
    }
    clearError();
    if (!el.consent.checked) {
      showError(texts.consentRequired, el.consent);
      return;
    }
    if (config.colours.length === 0) {
      showError(texts.cameraError, el.noCamera);
      return;
    }
    if (!navigator.mediaDevices || typeof navigator.mediaDevices.getUserMedia !== "function") {
      showError(texts.cameraUnsupported, el.noCamera);
      return;
    }
    run = { stream: null, timer: 0, cancelled: false };
    var current = run;
    setBusy(true);
    el.cancel.focus();
    announce(texts.preparing);

    navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 320 }, height: { ideal: 240 }, facingMode: "user" },
      audio: false
    }).then(function (stream) {
      if (current.cancelled) {
        stopStream(stream);
        return null;
      }
      current.stream = stream;
      el.video.srcObject = stream;
      return whenVideoReady(el.video).then(function () {
        return delay(current, CAMERA_SETTLE_MS);
      }).then(function () {
        if (!current.cancelled) {
          announce(texts.getReady);
          return playScript(current);
        }
        return null;
      });
    }).catch(function (error) {
      if (current.cancelled) {
        return;
      }
      finish(current);
      showError(cameraMessage(error), el.noCamera);
    });
  }

  function cameraMessage(error) {
    var name = error && error.name;
    if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") {
      return texts.cameraDenied;
    }
    if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError") {
      return texts.cameraMissing;
    }
    return texts.cameraError;
  }

  function whenVideoReady(video) {
    return new Promise(function (resolve, reject) {
      function ready() {
        return video.readyState >= 2 && video.videoWidth > 0;
      }
      var playing = video.play();
      if (playing && typeof playing.catch === "function") {
        playing.catch(reject);
      }
      if (ready()) {
        resolve();
        return;
      }
      function check() {
        if (ready()) {
          video.removeEventListener("loadeddata", check);
          video.removeEventListener("playing", check);
          resolve();
        }
      }
      video.addEventListener("loadeddata", check);
      video.addEventListener("playing", check);
    });
  }

  function delay(current, ms) {
    return new Promise(function (resolve) {
      current.timer = window.setTimeout(resolve, ms);
    });
  }

  /*
   * Plays the colour script and captures one frame per step. One schedule, measured with
   * performance.now(): every event has a target time relative to the first colour, and each
   * timeout is computed from the time actually elapsed, so lateness never accumulates.
   */
  function playScript(current) {
    return new Promise(function (resolve) {
      var colours = config.colours;
      var step = config.stepMs;
      var events = [];
      colours.forEach(function (colour, i) {
        events.push({ at: i * step, kind: "colour", index: i });
        events.push({ at: i * step + step - CAPTURE_BEFORE_STEP_END_MS, kind: "capture", index: i });
      });
      var canvas = document.createElement("canvas");
      canvas.width = config.frameWidth;
      canvas.height = config.frameHeight;
      var frames = [];
      var times = [];
      var next = 0;
      var scriptStart = 0;

      showOverlay(true);
      scriptStart = performance.now();
      tick();

      function tick() {
        if (current.cancelled) {
          resolve(null);
          return;
        }
        var elapsed = performance.now() - scriptStart;
        while (next < events.length && events[next].at <= elapsed) {
          var event = events[next];
          if (event.kind === "colour") {
            el.overlay.style.backgroundColor = colours[event.index];
            showProgress(event.index, elapsed);
            var pose = config.poses[event.index];
            var previous = event.index > 0 ? config.poses[event.index - 1] : null;
            if (pose !== previous) {
              showPrompt(pose, previous);
            }
          } else {
            var frame = grabFrame(canvas);
            if (frame === null) {
              fail(current, texts.cameraError);
              resolve(null);
              return;
            }
            frames.push(frame);
            times.push(Math.round(performance.now() - scriptStart));
          }
          next += 1;
          elapsed = performance.now() - scriptStart;
        }
        if (next >= events.length) {
          submit(current, frames, times);
          resolve(null);
          return;
        }
        el.countdown.textContent = format(texts.secondsLeft,
          [Math.max(0, Math.ceil((colours.length * step - elapsed) / 1000))]);
        current.timer = window.setTimeout(tick, Math.max(0, events[next].at - elapsed));
      }
    });
  }

  /* Draws the current video frame, cropped to the frame's aspect ratio; returns base64 JPEG or null. */
  function grabFrame(canvas) {
    var video = el.video;
    var vw = video.videoWidth;
    var vh = video.videoHeight;
    if (!vw || !vh) {
      return null;
    }
    var target = canvas.width / canvas.height;
    var sw = vw;
    var sh = vh;
    if (vw / vh > target) {
      sw = Math.round(vh * target);
    } else {
      sh = Math.round(vw / target);
    }
    var context = canvas.getContext("2d");
    context.drawImage(video, Math.round((vw - sw) / 2), Math.round((vh - sh) / 2), sw, sh,
      0, 0, canvas.width, canvas.height);
    for (var q = 0; q < QUALITIES.length; q += 1) {
      var url = canvas.toDataURL("image/jpeg", QUALITIES[q]);
      if (url.indexOf(JPEG_PREFIX) !== 0) {
        return null;
      }
      var base64 = url.substring(JPEG_PREFIX.length);
      if (!config.maxFrameBytes || fitsCap(base64, config.maxFrameBytes)) {
        return base64;
      }
    }
    return null;
  }

  function fitsCap(base64, maxBytes) {
    var padding = base64.endsWith("==") ? 2 : (base64.endsWith("=") ? 1 : 0);
    var bytes = (base64.length / 4) * 3 - padding;
    return bytes <= maxBytes && base64.length <= Math.ceil(maxBytes / 3) * 4;
  }

  function submit(current, frames, times) {
    var label = "";
    if (current.stream) {
      var tracks = current.stream.getVideoTracks();
      label = tracks.length > 0 ? tracks[0].label || "" : "";
    }
    stopStream(current.stream);
    current.stream = null;
    showOverlay(false);

    el.frames.textContent = "";
    frames.forEach(function (frame, i) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "dfg_frame_" + i;
      input.value = frame;
      el.frames.appendChild(input);
    });
    el.frameTimes.value = times.join(",");
    el.deviceLabel.value = label;
    el.action.value = "submit";
    el.cancel.hidden = true;
    announce(texts.submitting);
    if (typeof el.form.requestSubmit === "function") {
      el.form.requestSubmit(); // fires "submit" like a normal submission (the form is novalidate)
    } else {
      el.form.submit();
    }
  }

  function fail(current, message) {
    finish(current);
    showError(message, el.noCamera);
  }

  function cancel(message) {
    var current = run;
    if (!current) {
      return;
    }
    finish(current);
    announce(message);
    el.start.focus();
  }

  /* Stops everything the current run holds and restores the page. */
  function finish(current) {
    current.cancelled = true;
    window.clearTimeout(current.timer);
    stopStream(current.stream);
    current.stream = null;
    el.video.srcObject = null;
    el.frames.textContent = "";
    el.frameTimes.value = "";
    el.deviceLabel.value = "";
    el.action.value = "no_camera";
    showOverlay(false);
    resetProgress();
    announce("");
    if (run === current) {
      run = null;
    }
    setBusy(false);
  }

  function stopStream(stream) {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
    }
  }
})();
