// Widgets of our own for the web editor (Decap CMS), registered once decap-cms.js has loaded.
//
// "authority" (signer's thẩm quyền ký, builder/content/fields.py: signer): the model takes one
// form line ("TM. BAN THƯỜNG VỤ") or a list of them ("TM. BAN THƯỜNG VỤ" then "KT. CHỦ TỊCH").
// Decap's string widget shows a list as 'List [ "TM. …", "KT. … " ]' and saves that text back
// when touched. This one shows one line per form line in a text box and gives back a string for
// one line, a list for two or more, nothing for none: the forms the front-matter writer uses.
(function () {
  "use strict";
  if (!window.CMS || !window.createClass || !window.h) return;
  var h = window.h;

  function asText(value) {
    if (value && typeof value.toJS === "function") value = value.toJS();  // Immutable List
    if (Array.isArray(value)) return value.join("\n");
    return value ? String(value) : "";
  }

  function asValue(text) {
    var lines = text.split("\n").map(function (line) { return line.trim(); })
      .filter(function (line) { return line; });
    return lines.length > 1 ? lines : (lines[0] || "");
  }

  var AuthorityControl = window.createClass({
    // The box keeps what is typed (an Enter starting the next line stays); Decap gets the value.
    getInitialState: function () { return { text: asText(this.props.value) }; },
    handleChange: function (event) {
      this.setState({ text: event.target.value });
      this.props.onChange(asValue(event.target.value));
    },
    render: function () {
      return h("textarea", {
        id: this.props.forID, className: this.props.classNameWrapper, rows: 2,
        value: this.state.text, onChange: this.handleChange,
        onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle
      });
    }
  });

  var AuthorityPreview = window.createClass({
    render: function () { return h("span", null, asText(this.props.value).split("\n").join(" / ")); }
  });

  window.CMS.registerWidget("authority", AuthorityControl, AuthorityPreview);
})();
