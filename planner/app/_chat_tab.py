"""The app's Chat tab: the conversation, a message box, and buttons for the reply's next steps (which
option to draft, which plan item, "shorter"…). A reply that changes the business's profile (a promotion added
in chat) saves it, and the header and the Profile form follow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.app._backend import Backend, Visit
from planner.app._gradio_import import import_gradio
from planner.errors import UserError
from planner.markup import md_escape, md_safe

if TYPE_CHECKING:
    import gradio as gr
else:
    gr = import_gradio()

BUTTONS = 12  # the most next steps a reply offers (a month's plan)


def greeting(visit: Visit | None = None) -> list[Any]:
    from planner.chat import help_text

    text = help_text()
    if visit is not None:
        text = f"Drafting for **{md_escape(visit.profile.business.name)}**.\n\n{text}"
    return [{"role": "assistant", "content": text}]


@dataclass
class ChatTab:
    chatbot: Any
    box: Any
    send: Any
    buttons: list[Any]
    offered: Any  # gr.State: the messages the buttons send

    def reset(self, visit: Visit) -> list[Any]:
        """A fresh conversation (new business, or a page load): greeting, no buttons."""
        return [greeting(visit), [], *[gr.update(visible=False)] * len(self.buttons)]

    @property
    def resets(self) -> list[Any]:
        return [self.chatbot, self.offered, *self.buttons]


def chat_tab() -> ChatTab:
    chatbot = gr.Chatbot(value=greeting(), height=520, elem_id="cvj-chatbot", show_label=False)
    with gr.Row():
        buttons = [
            gr.Button(visible=False, size="sm", elem_id=f"cvj-choice-{i}", min_width=80)
            for i in range(BUTTONS)
        ]
    with gr.Row():
        box = gr.Textbox(
            placeholder="e.g. write a welcome email", show_label=False, scale=8, elem_id="cvj-msg"
        )
        send = gr.Button("Send", variant="primary", scale=1, elem_id="cvj-send")
    return ChatTab(chatbot, box, send, buttons, gr.State([]))


def wire_chat(
    tab: ChatTab, backend: Backend, visit: Any, followers: list[Any], follow: Callable[[Visit], list[Any]]
) -> None:
    """Send, Enter and every next-step button go through ``reply``; ``followers`` change with the business."""

    def reply(message: str, history: list[dict[str, Any]], current: Visit | None) -> list[Any]:
        from planner.chat import respond

        current = current or backend.visit()
        keep = [gr.update()] * len(followers)
        if not message.strip():
            return ["", history, current, [], *_buttons(()), *keep]
        choices: tuple[tuple[str, str], ...] = ()
        try:
            answer = respond(backend.chat(current), message, history)
            text, choices = answer.markdown, answer.choices
            if answer.profile is not None:  # a promotion added in chat: save it, and everything follows
                current = backend.keep_chat(current, answer.profile)
                keep = follow(current)
        except UserError as exc:
            text = f"⚠ {exc}"
        # Replies quote the profile, pasted copy and model output: Markdown, but never markup.
        turn = [
            {"role": "user", "content": md_safe(message)},
            {"role": "assistant", "content": md_safe(text)},
        ]
        sent = [message for _, message in choices][: len(tab.buttons)]
        return ["", [*history, *turn], current, sent, *_buttons(choices), *keep]

    outputs = [tab.box, tab.chatbot, visit, tab.offered, *tab.buttons, *followers]
    tab.box.submit(reply, [tab.box, tab.chatbot, visit], outputs)
    tab.send.click(reply, [tab.box, tab.chatbot, visit], outputs)
    for i, button in enumerate(tab.buttons):

        def press(
            offered: list[str], history: list[dict[str, Any]], current: Visit | None, i: int = i
        ) -> list[Any]:
            return reply(offered[i] if i < len(offered) else "", history, current)

        button.click(press, [tab.offered, tab.chatbot, visit], outputs)
    tab.chatbot.clear(lambda current: tab.reset(current or backend.visit()), [visit], tab.resets)


def _buttons(choices: tuple[tuple[str, str], ...]) -> list[Any]:
    shown = [gr.update(value=label, visible=True) for label, _ in choices[:BUTTONS]]
    return shown + [gr.update(visible=False)] * (BUTTONS - len(shown))
