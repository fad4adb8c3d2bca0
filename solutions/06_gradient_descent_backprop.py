"""Reference answers for chapter 06, "Gradient descent and backpropagation".

Try each exercise yourself first: the checks in the notebook give hints. Each cell below
replaces the body of the matching answer cell in chapters/06_gradient_descent_backprop.ipynb.
"""

# %% Exercise 6.1
def sigmoid_backward(z, grad):
    """∂L/∂z of a = σ(z), given grad = ∂L/∂a: the chain rule with σ′(z) = σ(z)(1 − σ(z))."""
    s = 1.0 / (1.0 + np.exp(-z))
    return grad * s * (1.0 - s)

# %% Exercise 6.2
def dense_backward(x, W, grad):
    """Gradients of z = xW + b (x: (n, n_in), W: (n_in, n_out)), given grad = ∂L/∂z of shape (n, n_out)."""
    dx = grad @ W.T           # each input feeds every neuron through its weight
    dW = x.T @ grad           # ∂z_j/∂W[i, j] = x_i, summed over the samples
    db = grad.sum(axis=0)     # the bias is shared by every sample
    return dx, dW, db

# %% Exercise 6.3
# Each sigmoid layer contributes a factor σ′(z) ≤ σ′(0) = 0.25; the chain rule multiplies them.
max_factor = 0.25**10
