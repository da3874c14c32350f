// Click-to-load video: the player's frame (and every request to the video host) is made
// only after the visitor asks for it.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-video-embed]");
  if (!button) return;
  const frame = document.createElement("iframe");
  frame.src = button.dataset.videoEmbed;
  frame.title = button.dataset.videoTitle;
  frame.allow = "autoplay; fullscreen; picture-in-picture";
  frame.allowFullscreen = true;
  frame.className = "video-frame";
  button.replaceWith(frame);
});
