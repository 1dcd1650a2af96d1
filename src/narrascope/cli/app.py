"""The Typer application objects; command modules attach to them."""

import typer

app = typer.Typer(name="narrascope", no_args_is_help=True, add_completion=False,
                  help="Who says what happened, on what evidence, and how they tell it.")
eval_app = typer.Typer(no_args_is_help=True, help="Measure accuracy on benchmark data.")
train_app = typer.Typer(no_args_is_help=True, help="Reproduce the shipped models from their corpora.")
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")
