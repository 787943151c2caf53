from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "sco.trade"
    label = "trade"
    verbose_name = _("Trade monitor")

    def ready(self) -> None:
        from sco.core import hooks
        from sco.trade.home import trade_panel

        hooks.register("home_panel")(trade_panel)
