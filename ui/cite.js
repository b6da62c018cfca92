// Clicking a [n] marker opens source n of the same answer and scrolls to it.
// Marker and entry share an "n-<n>" class (the chat strips data-* attributes).
// Delegated from document because the chat re-renders messages as they stream.
document.addEventListener("click", (event) => {
  const marker = event.target.closest("button.cite");
  if (!marker) return;
  event.preventDefault();
  const n = [...marker.classList].find((c) => c.startsWith("n-"));
  const answer = marker.closest(".answer");
  const entry = answer && n && answer.querySelector(`details.source.${n}`);
  if (!entry) return;
  answer.querySelector("details.sources").open = true;
  entry.open = true;
  entry.scrollIntoView({ block: "nearest", behavior: "smooth" });
  entry.classList.remove("flash");
  void entry.offsetWidth; // restart the highlight animation on repeated clicks
  entry.classList.add("flash");
});
