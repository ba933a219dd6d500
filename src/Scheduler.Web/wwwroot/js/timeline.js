// The chair timeline (Pages/Desk/Timeline.cshtml): draws the JSON in #timeline-data with vis-timeline.
// Every moment arrives as the clinic's wall-clock time without offset ("2026-11-23T09:00:00"). They are
// read as UTC and vis-timeline draws in UTC (its moment option), so the axis shows the clinic's clock
// whatever zone the browser is in, and a daylight-saving change in the browser's zone moves nothing.
(function () {
  "use strict";
  var container = document.getElementById("timeline");
  var source = document.getElementById("timeline-data");
  if (!container || !source || !window.vis) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var week = data.view === "week";

  function at(text) {
    return new Date(text + "Z");
  }

  function label(group) {
    var el = document.createElement("div");
    el.className = "chair-label";
    var name = document.createElement("span");
    name.className = "chair-name";
    name.textContent = group.name;
    el.appendChild(name);
    var kind = document.createElement("span");
    kind.className = "chair-kind";
    kind.textContent = group.active ? group.kind : group.kind + ", not in use";
    el.appendChild(kind);
    return el;
  }

  // A session on a row: its blocks (infusion, observation, turnover) side by side in their colours,
  // under one link to the session labelled with the patient's name (initials when it would not fit).
  function content(item) {
    var link = document.createElement("a");
    link.href = item.href;
    link.className = "session-link";
    link.title = item.title;
    link.setAttribute("aria-label", item.title);
    var total = at(item.end) - at(item.start);
    item.blocks.forEach(function (block) {
      var part = document.createElement("span");
      part.className = "part " + block.kind;
      part.style.width = (100 * (at(block.end) - at(block.start)) / total) + "%";
      link.appendChild(part);
    });
    var name = document.createElement("span");
    name.className = "name";
    // About six minutes of the day view per character of the name.
    name.textContent = !week && item.name.length * 6 * 60000 <= total ? item.name : item.initials;
    link.appendChild(name);
    return link;
  }

  var groups = new vis.DataSet(data.groups.map(function (g, i) {
    return { id: g.id, order: i, content: label(g), className: g.active ? "" : "inactive" };
  }));

  var items = new vis.DataSet();
  data.items.forEach(function (item) {
    items.add({
      id: item.id,
      group: item.group,
      start: at(item.start),
      end: at(item.end),
      content: content(item),
      className: "session " + item.status,
      title: item.title,
    });
  });
  data.areas.forEach(function (area, i) {
    var background = {
      id: "area-" + i,
      start: at(area.start),
      end: at(area.end),
      type: "background",
      className: area.kind === "outOfService" ? "out-of-service" : area.kind,
      title: area.title,
      content: "",
    };
    if (area.group) {
      background.group = area.group;
    }
    items.add(background);
  });

  var timeline = new vis.Timeline(container, items, groups, {
    moment: function (date) {
      return vis.moment(date).utc();
    },
    start: at(data.focusStart),
    end: at(data.focusEnd),
    hiddenDates: data.hidden.map(function (h) {
      return { start: at(h.start), end: at(h.end), repeat: h.repeat };
    }),
    min: at(data.start),
    max: at(data.end),
    zoomMin: 60 * 60 * 1000,
    stack: true,
    margin: { item: { horizontal: 0, vertical: 4 } },
    orientation: { axis: "top" },
    // The page heading names the day or week; the axis only needs the hours or the days.
    showMajorLabels: false,
    showCurrentTime: false,
    selectable: false,
    editable: false,
    zoomKey: "ctrlKey",
    horizontalScroll: false,
    verticalScroll: false,
    groupOrder: "order",
    format: {
      minorLabels: { hour: "HH:mm", minute: "HH:mm" },
      majorLabels: { hour: "ddd D MMM", minute: "ddd D MMM HH:mm" },
    },
  });

  // The now-line is the clinic's clock as the server reads it, not the browser's.
  timeline.addCustomTime(at(data.now), "now");
  timeline.setCustomTimeTitle(data.nowLabel, "now");
  timeline.setCustomTimeMarker(data.nowLabel, "now", false);

  // vis-timeline swallows clicks on items; follow the block's link.
  timeline.on("click", function (props) {
    var target = props.event && props.event.target;
    if (target && target.closest && target.closest("a.session-link")) {
      return;
    }
    var found = props.item && data.items.filter(function (i) { return i.id === props.item; })[0];
    if (found) {
      window.location.href = found.href;
    }
  });
  // Marks the timeline drawn (for people's tools and the tests): after its first full redraw.
  timeline.once("changed", function () {
    container.setAttribute("data-ready", "true");
  });
})();
