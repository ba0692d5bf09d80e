// 舆情 board: the server already wrote each clock's time left; this only ticks it every 30 seconds
// and turns a clock red when it runs out. Without JavaScript the page is right as of its loading.
(() => {
  const clocks = document.querySelectorAll(".clock[data-due]");
  if (clocks.length === 0) return;
  const text = (ms) => {
    const minutes = ms >= 0 ? Math.floor(ms / 60000) : Math.ceil(-ms / 60000);
    const hm = `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分`;
    return ms >= 0 ? `剩余 ${hm}` : `已超时 ${hm}`;
  };
  const tick = () => {
    const now = Date.now();
    for (const el of clocks) {
      const left = Date.parse(el.dataset.due) - now;
      const out = el.querySelector(".clock-left");
      if (out) out.textContent = text(left);
      const state = left < 0 ? "overdue" : left <= 3600000 ? "due-soon" : "running";
      el.classList.remove("clock-overdue", "clock-due-soon", "clock-running");
      el.classList.add(`clock-${state}`);
      const label = el.querySelector(".clock-state");
      if (label)
        label.textContent = state === "overdue" ? "已超时" : state === "due-soon" ? "1 小时内到期" : "进行中";
    }
  };
  setInterval(tick, 30000);
})();
